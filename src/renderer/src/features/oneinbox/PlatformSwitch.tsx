import { useTranslation } from 'react-i18next';

export type Platform = 'sonzai' | 'oneinbox';

/** The platforms by their product names, the same in every language. */
const PLATFORMS = [
  ['sonzai', 'Sonzai'],
  ['oneinbox', 'OneInbox'],
] as const satisfies readonly (readonly [Platform, string])[];

/** Sonzai or OneInbox: the areas that differ by platform show one at a time. */
export function PlatformSwitch({ value, onChange }: { value: Platform; onChange(p: Platform): void }) {
  const { t } = useTranslation('oneinbox');
  return (
    <div className="oi-switch" role="radiogroup" aria-label={t('platform.label')}>
      {PLATFORMS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="radio"
          aria-checked={value === id}
          className={value === id ? 'btn small primary' : 'btn small'}
          onClick={() => onChange(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
