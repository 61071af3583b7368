import { forwardRef, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_CLASSES, INSPECTOR_LIMITS, type AttemptFilter } from '../../../../shared/contract/inspector';
import { ONEINBOX_EVENT_TYPES } from '../../../../shared/contract/oneinbox';
import { count } from '../../format';

interface Props {
  filter: AttemptFilter;
  onChange(patch: Partial<AttemptFilter>): void;
}

/** Event types offered as you type (any other can be typed). */
const EVENT_TYPES = [
  'agent.message',
  'agent.mood_change',
  'agent.memory_added',
  'agent.breakthrough',
  'agent.wakeup',
  'agent.consolidation',
  ...ONEINBOX_EVENT_TYPES,
];

/** The value of a `datetime-local` input (its own machine format, UTC here), not text for people. */
const toLocal = (iso?: string) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
const fromLocal = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : undefined);

/** Filters of the deliveries view; the search box is the ref (focused by "/"). */
export const FilterBar = forwardRef<HTMLInputElement, Props>(function FilterBar({ filter, onChange }, searchRef) {
  const { t } = useTranslation('deliveries');
  const [text, setText] = useState(filter.text ?? '');
  const [eventType, setEventType] = useState(filter.eventType ?? '');
  const [url, setUrl] = useState(filter.webhookUrl ?? '');
  const short = text.length > 0 && text.length < INSPECTOR_LIMITS.textMinChars;

  // Typing settles for 250 ms before a query runs.
  useEffect(() => {
    const timer = setTimeout(() => {
      const patch: Partial<AttemptFilter> = {};
      const nextText = text.length >= INSPECTOR_LIMITS.textMinChars ? text : undefined;
      if (nextText !== filter.text) patch.text = nextText;
      if ((eventType || undefined) !== filter.eventType) patch.eventType = eventType || undefined;
      if ((url || undefined) !== filter.webhookUrl) patch.webhookUrl = url || undefined;
      if (Object.keys(patch).length) onChange(patch);
    }, 250);
    return () => clearTimeout(timer);
  }, [text, eventType, url, filter.text, filter.eventType, filter.webhookUrl, onChange]);

  return (
    <div className="dl-filters" role="search">
      <input
        ref={searchRef}
        type="search"
        className="dl-search"
        placeholder={t('filter.search')}
        aria-label={t('filter.searchLabel')}
        value={text}
        maxLength={INSPECTOR_LIMITS.textMaxChars}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={short}
        title={
          short
            ? t('filter.tooShort', {
                count: INSPECTOR_LIMITS.textMinChars,
                n: count(INSPECTOR_LIMITS.textMinChars),
              })
            : undefined
        }
      />
      <input
        placeholder={t('filter.eventType')}
        aria-label={t('filter.eventTypeLabel')}
        value={eventType}
        onChange={(e) => setEventType(e.target.value)}
        list="dl-event-types"
      />
      <datalist id="dl-event-types">
        {EVENT_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <select
        aria-label={t('filter.status')}
        value={filter.status ?? ''}
        onChange={(e) => onChange({ status: (e.target.value || undefined) as AttemptFilter['status'] })}
      >
        <option value="">{t('filter.anyStatus')}</option>
        <option value="success">{t('filter.success')}</option>
        <option value="failed">{t('filter.failed')}</option>
      </select>
      <select
        aria-label={t('filter.code')}
        value={filter.codeClass ?? ''}
        onChange={(e) => onChange({ codeClass: (e.target.value || undefined) as AttemptFilter['codeClass'] })}
      >
        <option value="">{t('filter.anyCode')}</option>
        {CODE_CLASSES.map((c) => (
          <option key={c} value={c}>
            {c === 'none' ? t('code.none') : c}
          </option>
        ))}
      </select>
      <input
        placeholder={t('filter.webhookUrl')}
        aria-label={t('filter.webhookUrlLabel')}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <select
        aria-label={t('filter.platform')}
        value={filter.platform ?? ''}
        onChange={(e) => onChange({ platform: (e.target.value || undefined) as AttemptFilter['platform'] })}
      >
        <option value="">{t('filter.anyPlatform')}</option>
        <option value="sonzai">{t('filter.sonzai')}</option>
        <option value="oneinbox">{t('filter.oneInbox')}</option>
      </select>
      <label className="dl-time-filter">
        {t('filter.from')}
        <input
          type="datetime-local"
          aria-label={t('filter.fromLabel')}
          value={toLocal(filter.since)}
          onChange={(e) => onChange({ since: fromLocal(e.target.value) })}
        />
      </label>
      <label className="dl-time-filter">
        {t('filter.to')}
        <input
          type="datetime-local"
          aria-label={t('filter.toLabel')}
          value={toLocal(filter.until)}
          onChange={(e) => onChange({ until: fromLocal(e.target.value) })}
        />
      </label>
    </div>
  );
});
