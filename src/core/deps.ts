import { randomBytes, randomUUID } from 'node:crypto';

/** Side effects the core takes from its host, so tests can pin them. */
export interface Clock {
  now(): Date;
}
export interface Random {
  uuid(): string;
  /** URL-safe random token of `bytes` random bytes. */
  token(bytes: number): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const systemRandom: Random = {
  uuid: () => randomUUID(),
  token: (bytes) => randomBytes(bytes).toString('base64url'),
};
