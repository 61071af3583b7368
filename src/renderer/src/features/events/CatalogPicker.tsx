import { useTranslation } from 'react-i18next';
import type { CatalogEntryDto } from '../../../../shared/contract/events';
import { useBuiltInText } from './builtin-text';

/** The families, in the order the picker lists them (their titles: `events:catalog.family.*`). */
const FAMILIES = ['documented', 'sdk', 'custom'] as const;

/** The event types, grouped; arrow keys move the selection. */
export function CatalogPicker({
  catalog,
  selected,
  onSelect,
}: {
  catalog: CatalogEntryDto[];
  selected: string;
  onSelect(type: string): void;
}) {
  const { t } = useTranslation('events');
  const { typeDescription } = useBuiltInText();
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = catalog.findIndex((c) => c.type === selected);
    const next = catalog[(i + (e.key === 'ArrowDown' ? 1 : -1) + catalog.length) % catalog.length];
    if (next) {
      onSelect(next.type);
      document.getElementById(`evt-type-${next.type}`)?.focus();
    }
  };
  if (!catalog.length) return <p className="muted">{t('catalog.loading')}</p>;
  return (
    <div className="ev-catalog" role="listbox" aria-label={t('catalog.label')} onKeyDown={onKey}>
      {FAMILIES.map((family) => {
        const items = catalog.filter((c) => c.family === family);
        if (!items.length) return null;
        return (
          <div key={family} className="ev-family">
            <div className="ev-family-label">{t(`catalog.family.${family}`)}</div>
            {items.map((c) => (
              <button
                key={c.type}
                id={`evt-type-${c.type}`}
                type="button"
                role="option"
                aria-selected={c.type === selected}
                className={c.type === selected ? 'ev-type active' : 'ev-type'}
                onClick={() => onSelect(c.type)}
                title={typeDescription(c)}
              >
                <code>{c.type}</code>
                <span className="ev-desc">{typeDescription(c)}</span>
              </button>
            ))}
          </div>
        );
      })}
    </div>
  );
}
