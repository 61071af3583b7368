import { forwardRef, useEffect, useState } from 'react';
import { CODE_CLASSES, INSPECTOR_LIMITS, type AttemptFilter } from '../../../../shared/contract/inspector';

interface Props {
  filter: AttemptFilter;
  onChange(patch: Partial<AttemptFilter>): void;
}

const toLocal = (iso?: string) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
const fromLocal = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : undefined);

/** Filters of the deliveries view; the search box is the ref (focused by "/"). */
export const FilterBar = forwardRef<HTMLInputElement, Props>(function FilterBar({ filter, onChange }, searchRef) {
  const [text, setText] = useState(filter.text ?? '');
  const [eventType, setEventType] = useState(filter.eventType ?? '');
  const [url, setUrl] = useState(filter.webhookUrl ?? '');
  const short = text.length > 0 && text.length < INSPECTOR_LIMITS.textMinChars;

  // Typing settles for 250 ms before a query runs.
  useEffect(() => {
    const t = setTimeout(() => {
      const patch: Partial<AttemptFilter> = {};
      const nextText = text.length >= INSPECTOR_LIMITS.textMinChars ? text : undefined;
      if (nextText !== filter.text) patch.text = nextText;
      if ((eventType || undefined) !== filter.eventType) patch.eventType = eventType || undefined;
      if ((url || undefined) !== filter.webhookUrl) patch.webhookUrl = url || undefined;
      if (Object.keys(patch).length) onChange(patch);
    }, 250);
    return () => clearTimeout(t);
  }, [text, eventType, url, filter.text, filter.eventType, filter.webhookUrl, onChange]);

  return (
    <div className="dl-filters" role="search">
      <input
        ref={searchRef}
        type="search"
        className="dl-search"
        placeholder="Search bodies…  ( / )"
        aria-label="Search text in request and response bodies"
        value={text}
        maxLength={INSPECTOR_LIMITS.textMaxChars}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={short}
        title={short ? `at least ${INSPECTOR_LIMITS.textMinChars} characters` : undefined}
      />
      <input
        placeholder="event type"
        aria-label="Event type"
        value={eventType}
        onChange={(e) => setEventType(e.target.value)}
        list="dl-event-types"
      />
      <datalist id="dl-event-types">
        {[
          'agent.message',
          'agent.mood_change',
          'agent.memory_added',
          'agent.breakthrough',
          'agent.wakeup',
          'agent.consolidation',
          'call.started',
          'call.ended',
          'call.analyzed',
          'call.failed',
          'call.recording.available',
          'transcript.partial',
          'transcript.final',
        ].map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <select
        aria-label="Status"
        value={filter.status ?? ''}
        onChange={(e) => onChange({ status: (e.target.value || undefined) as AttemptFilter['status'] })}
      >
        <option value="">any status</option>
        <option value="success">✓ success</option>
        <option value="failed">✗ failed</option>
      </select>
      <select
        aria-label="Response code"
        value={filter.codeClass ?? ''}
        onChange={(e) => onChange({ codeClass: (e.target.value || undefined) as AttemptFilter['codeClass'] })}
      >
        <option value="">any code</option>
        {CODE_CLASSES.map((c) => (
          <option key={c} value={c}>
            {c === 'none' ? 'no response' : c}
          </option>
        ))}
      </select>
      <input placeholder="webhook URL" aria-label="Webhook URL" value={url} onChange={(e) => setUrl(e.target.value)} />
      <select
        aria-label="Platform"
        value={filter.platform ?? ''}
        onChange={(e) => onChange({ platform: (e.target.value || undefined) as AttemptFilter['platform'] })}
      >
        <option value="">any platform</option>
        <option value="sonzai">Sonzai</option>
        <option value="oneinbox">OneInbox</option>
      </select>
      <label className="dl-time-filter">
        from (UTC)
        <input
          type="datetime-local"
          aria-label="From (UTC)"
          value={toLocal(filter.since)}
          onChange={(e) => onChange({ since: fromLocal(e.target.value) })}
        />
      </label>
      <label className="dl-time-filter">
        to (UTC)
        <input
          type="datetime-local"
          aria-label="To (UTC)"
          value={toLocal(filter.until)}
          onChange={(e) => onChange({ until: fromLocal(e.target.value) })}
        />
      </label>
    </div>
  );
});
