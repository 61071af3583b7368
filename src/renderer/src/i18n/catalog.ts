/**
 * A translation of an English catalog: the same keys, nothing more, nothing less, except the
 * plural `_one` forms, which Japanese and Chinese do not have (i18next asks `Intl.PluralRules`,
 * which gives them `other` only). The parity test checks the same rule at run time.
 */
export type Translation<T> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Translation<T[K]>;
} & {
  [K in keyof T as K extends `${string}_one` ? K : never]?: string;
};
