import { useEffect, useState, type FormEvent } from 'react';
import { ONEINBOX_EVENT_TYPES } from '../../../../shared/contract/oneinbox';
import { useStudio } from '../../store/studio';
import { Notices } from './Notices';
import { oneInboxActions, useOneInbox } from './store';
import './oneinbox.css';

const WHEN: Record<(typeof ONEINBOX_EVENT_TYPES)[number], string> = {
  'call.started': 'the call connected and the agent started its session',
  'call.ended': 'the call ended (agent or caller hung up), with outcome and AI summary',
  'call.analyzed': 'the AI analysis (summary, outcome) is ready after the call',
  'call.failed': 'the call failed to connect (e.g. no-answer)',
  'call.recording.available': 'the recording is ready',
  'transcript.partial': 'a partial transcript while the call runs',
  'transcript.final': 'the full transcript, after call.ended',
};

function StartCall() {
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
    <form className="card oi-form" style={{ maxWidth: 'none' }} onSubmit={submit} aria-label="Start a call">
      <h2>Start a call</h2>
      <div className="oi-row">
        <label>
          To <input aria-label="To number" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          From <input aria-label="From number" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          Agent <input aria-label="Agent id" value={agent} onChange={(e) => setAgent(e.target.value)} />
        </label>
      </div>
      <label>
        This call’s <code>webhook_url</code> (optional){' '}
        <input
          aria-label="Per-call webhook URL"
          type="url"
          placeholder="https://your-server.com/this-campaign-only"
          value={webhookUrl}
          onChange={(e) => setWebhookUrl(e.target.value)}
        />
      </label>
      <label>
        Outcome{' '}
        <select aria-label="Call outcome" value={fail} onChange={(e) => setFail(e.target.value as typeof fail)}>
          <option value="">connects</option>
          <option value="no-answer">fails: no-answer</option>
          <option value="busy">fails: busy</option>
        </select>
      </label>
      <p className="muted oi-small">
        +81 numbers get Japanese transcripts, +86 Chinese, others English. Events follow the studio clock: advance it to
        see the whole call at once.
      </p>
      <div className="oi-row">
        <button type="submit" className="btn primary">
          Start call
        </button>
        <button type="button" className="btn" onClick={() => void oneInboxActions.busyAfternoon()}>
          Busy afternoon (overlapping calls)
        </button>
        <button type="button" className="btn" onClick={() => void oneInboxActions.advanceClock(60_000)}>
          Advance clock 1 min
        </button>
        <button type="button" className="btn" onClick={() => void oneInboxActions.advanceClock(10 * 60_000)}>
          Advance clock 10 min
        </button>
      </div>
    </form>
  );
}

/** The Events area for OneInbox: the seven documented types, a "Start a call" panel, the calls so far. */
export function OneInboxEvents() {
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
        <h2>OneInbox events</h2>
        <ul className="oi-types" aria-label="OneInbox event types">
          {ONEINBOX_EVENT_TYPES.map((t) => (
            <li key={t}>
              <code>{t}</code> <span className="muted oi-small">{WHEN[t]}</span>{' '}
              <button
                type="button"
                className="btn small"
                aria-label={`Send a sample ${t}`}
                onClick={() => void oneInboxActions.trigger(t)}
              >
                Send sample
              </button>
            </li>
          ))}
        </ul>
      </div>
      <StartCall />
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>Calls</h2>
        {calls.length === 0 ? (
          <p className="empty">No calls yet.</p>
        ) : (
          <table className="tbl" aria-label="OneInbox calls">
            <thead>
              <tr>
                <th>Id</th>
                <th>Numbers</th>
                <th>Language</th>
                <th>Status</th>
                <th>Outcome</th>
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
                  <td className="oi-call-status">{c.status}</td>
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
