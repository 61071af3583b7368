import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ONEINBOX_EVENT_TYPES, type OneInboxCall } from '../../../../shared/contract/oneinbox';
import { duration } from '../../format';
import { useStudio } from '../../store/studio';
import { Notices } from './Notices';
import { oneInboxActions, useOneInbox } from './store';
import './oneinbox.css';

/** When each documented event fires (the event names contain dots, so each has a catalog key). */
const WHEN = {
  'call.started': 'events.when.callStarted',
  'call.ended': 'events.when.callEnded',
  'call.analyzed': 'events.when.callAnalyzed',
  'call.failed': 'events.when.callFailed',
  'call.recording.available': 'events.when.recordingAvailable',
  'transcript.partial': 'events.when.transcriptPartial',
  'transcript.final': 'events.when.transcriptFinal',
} as const satisfies Record<(typeof ONEINBOX_EVENT_TYPES)[number], string>;

const CALL_STATE = {
  ringing: 'calls.state.ringing',
  'in-progress': 'calls.state.inProgress',
  completed: 'calls.state.completed',
  failed: 'calls.state.failed',
} as const satisfies Record<OneInboxCall['status'], string>;

function StartCall() {
  const { t } = useTranslation('oneinbox');
  const [to, setTo] = useState('+919876543210');
  const [from, setFrom] = useState('+15739693824');
  const [agent, setAgent] = useState('agt_abc123');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [fail, setFail] = useState<'' | 'no-answer' | 'busy'>('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void oneInboxActions.startCall({
      toNumber: to,
      fromNumber: from,
      agentId: agent,
      ...(webhookUrl ? { webhookUrl } : {}),
      ...(fail ? { fail } : {}),
    });
  };
  return (
    <form className="card oi-form" style={{ maxWidth: 'none' }} onSubmit={submit} aria-label={t('startCall.title')}>
      <h2>{t('startCall.title')}</h2>
      <div className="oi-row">
        <label>
          {t('startCall.to')}{' '}
          <input aria-label={t('startCall.toLabel')} value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('startCall.from')}{' '}
          <input aria-label={t('startCall.fromLabel')} value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('startCall.agent')}{' '}
          <input aria-label={t('startCall.agentLabel')} value={agent} onChange={(e) => setAgent(e.target.value)} />
        </label>
      </div>
      <label>
        <Trans t={t} i18nKey="startCall.webhookUrl" components={{ code: <code /> }} />{' '}
        <input
          aria-label={t('startCall.webhookUrlLabel')}
          type="url"
          placeholder={t('startCall.webhookUrlPlaceholder')}
          value={webhookUrl}
          onChange={(e) => setWebhookUrl(e.target.value)}
        />
      </label>
      <label>
        {t('startCall.outcome')}{' '}
        <select
          aria-label={t('startCall.outcomeLabel')}
          value={fail}
          onChange={(e) => setFail(e.target.value as typeof fail)}
        >
          <option value="">{t('startCall.connects')}</option>
          <option value="no-answer">{t('startCall.fails', { reason: 'no-answer' })}</option>
          <option value="busy">{t('startCall.fails', { reason: 'busy' })}</option>
        </select>
      </label>
      <p className="muted oi-small">{t('startCall.hint')}</p>
      <div className="oi-row">
        <button type="submit" className="btn primary">
          {t('startCall.start')}
        </button>
        <button type="button" className="btn" onClick={() => void oneInboxActions.busyAfternoon()}>
          {t('startCall.busyAfternoon')}
        </button>
        {[60_000, 10 * 60_000].map((ms) => (
          <button key={ms} type="button" className="btn" onClick={() => void oneInboxActions.advanceClock(ms)}>
            {t('startCall.advanceClock', { duration: duration(ms) })}
          </button>
        ))}
      </div>
    </form>
  );
}

/** The Events area for OneInbox: the seven documented types, a "Start a call" panel, the calls so far. */
export function OneInboxEvents() {
  const { t } = useTranslation('oneinbox');
  const client = useStudio((s) => s.client);
  const connected = useStudio((s) => s.connection === 'connected');
  const calls = useOneInbox((s) => s.calls);
  useEffect(() => {
    if (!client || !connected) return;
    void oneInboxActions.load();
    return oneInboxActions.subscribe();
  }, [client, connected]);

  return (
    <div className="oi-area">
      <Notices />
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>{t('events.title')}</h2>
        <ul className="oi-types" aria-label={t('events.typesLabel')}>
          {ONEINBOX_EVENT_TYPES.map((type) => (
            <li key={type}>
              <code>{type}</code> <span className="muted oi-small">{t(WHEN[type])}</span>{' '}
              <button
                type="button"
                className="btn small"
                aria-label={t('events.sendSampleLabel', { event: type })}
                onClick={() => void oneInboxActions.trigger(type)}
              >
                {t('events.sendSample')}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <StartCall />
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>{t('calls.title')}</h2>
        {calls.length === 0 ? (
          <p className="empty">{t('calls.empty')}</p>
        ) : (
          <table className="tbl" aria-label={t('calls.label')}>
            <thead>
              <tr>
                <th>{t('calls.id')}</th>
                <th>{t('calls.numbers')}</th>
                <th>{t('calls.language')}</th>
                <th>{t('calls.status')}</th>
                <th>{t('calls.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id} data-call-id={c.id}>
                  <td>
                    <code>{c.id}</code>
                  </td>
                  <td>
                    {c.fromNumber} → {c.toNumber}
                    {c.webhookUrl && <div className="muted oi-small">→ {c.webhookUrl}</div>}
                  </td>
                  <td>{c.language}</td>
                  <td className="oi-call-status">{CALL_STATE[c.status] ? t(CALL_STATE[c.status]) : c.status}</td>
                  <td>{c.outcome ?? c.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
