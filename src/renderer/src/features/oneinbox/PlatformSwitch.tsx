export type Platform = 'sonzai' | 'oneinbox';

/** Sonzai or OneInbox: the areas that differ by platform show one at a time. */
export function PlatformSwitch({ value, onChange }: { value: Platform; onChange(p: Platform): void }) {
  return (
    <div className="oi-switch" role="radiogroup" aria-label="Platform">
      {(
        [
          ['sonzai', 'Sonzai'],
          ['oneinbox', 'OneInbox'],
        ] as const
      ).map(([id, label]) => (
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
