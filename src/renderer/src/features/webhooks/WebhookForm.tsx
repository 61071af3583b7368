import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const SUGGESTED = [
  'agent.message',
  'agent.mood_change',
  'agent.memory_added',
  'agent.breakthrough',
  'agent.wakeup',
  'agent.consolidation',
  'on_wakeup_ready',
  'on_recurring_event_due',
  'on_diary_generated',
  'on_personality_updated',
  'on_mood_updated',
  'on_breakthrough_detected',
];

/** Register a webhook, or edit one (event type fixed). Validation mirrors the API's. */
export function WebhookForm({
  initial,
  onSave,
  onCancel,
  hint,
}: {
  initial?: { eventType: string; webhookUrl: string; authHeader: string };
  onSave(eventType: string, url: string, authHeader: string): Promise<boolean>;
  onCancel?: () => void;
  /** A line under the event type field. */
  hint?: string;
}) {
  const { t } = useTranslation(['webhooks', 'common']);
  const [eventType, setEventType] = useState(initial?.eventType ?? 'agent.message');
  const [url, setUrl] = useState(initial?.webhookUrl ?? 'http://localhost:3000/webhooks/sonzai');
  const [authHeader, setAuthHeader] = useState(initial?.authHeader ?? '');
  const [busy, setBusy] = useState(false);
  /** What the form refused, by key: worded when shown. */
  const [problem, setProblem] = useState<'eventTypeRequired' | 'urlInvalid' | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!eventType.trim()) return setProblem('eventTypeRequired');
    if (!/^https?:\/\/[^/\s]+/i.test(url.trim())) return setProblem('urlInvalid');
    setProblem(null);
    setBusy(true);
    const ok = await onSave(eventType.trim(), url.trim(), authHeader);
    setBusy(false);
    if (ok && !initial) setUrl(url);
  };

  return (
    <form
      className="inline-form"
      onSubmit={submit}
      aria-label={initial ? t('form.editLabel', { eventType: initial.eventType }) : t('register.title')}
    >
      <label>
        {t('form.eventType')}
        <input
          list="wh-event-types"
          value={eventType}
          disabled={!!initial}
          maxLength={128}
          onChange={(e) => setEventType(e.target.value)}
          aria-describedby={hint ? 'wh-types-hint' : undefined}
        />
        <datalist id="wh-event-types">
          {SUGGESTED.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      </label>
      <label>
        {t('form.url')}
        <input value={url} onChange={(e) => setUrl(e.target.value)} size={36} maxLength={2048} />
      </label>
      <label>
        {t('form.auth')}
        <input
          value={authHeader}
          onChange={(e) => setAuthHeader(e.target.value)}
          placeholder={t('form.authPlaceholder')}
        />
      </label>
      <button type="submit" className="btn primary" disabled={busy}>
        {initial ? t('common:action.save') : t('form.register')}
      </button>
      {onCancel && (
        <button type="button" className="btn" onClick={onCancel}>
          {t('common:action.cancel')}
        </button>
      )}
      {hint && (
        <p id="wh-types-hint" className="muted" style={{ width: '100%', margin: 0 }}>
          {hint}
        </p>
      )}
      {problem && (
        <div className="error" role="alert" style={{ width: '100%' }}>
          {t(`form.${problem}`)}
        </div>
      )}
    </form>
  );
}
