import { useState, type FormEvent } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useTunnel } from './tunnel-store';

const STATE_LABEL = {
  off: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  refused: 'Refused',
} as const;

/** Connect the studio to a public relay, and see the connection's health. */
export function RelayPanel() {
  const { relay, connectRelay, disconnectRelay, busy } = useTunnel();
  const [url, setUrl] = useState(relay?.relayUrl ?? '');
  const [channel, setChannel] = useState(relay?.channel ?? '');
  const [token, setToken] = useState('');
  const state = relay?.state ?? 'off';
  const active = state !== 'off' && state !== 'refused';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void connectRelay({ url: url.trim(), channel: channel.trim(), token });
  };

  return (
    <section className="card relay-panel" aria-label="Relay">
      <h2>Relay</h2>
      <p
        className={`relay-state conn conn-${state === 'connected' ? 'connected' : active ? 'connecting' : 'disconnected'}`}
      >
        <span className="dot" aria-hidden /> {STATE_LABEL[state]}
        {relay?.lastError && state !== 'connected' && <span className="muted"> · {relay.lastError}</span>}
      </p>
      {relay && active && (
        <dl className="facts">
          <dt>Public URL</dt>
          <dd>
            <code>{relay.channelUrl}</code> {relay.channelUrl && <CopyButton text={relay.channelUrl} />}
          </dd>
          <dt>Round trip</dt>
          <dd>{relay.rttMs === null ? '—' : `${relay.rttMs} ms`}</dd>
          <dt>Backlog at the relay</dt>
          <dd>{relay.backlog}</dd>
          <dt>Relayed</dt>
          <dd>
            {relay.relayed} request{relay.relayed === 1 ? '' : 's'} · {relay.reconnects} reconnect
            {relay.reconnects === 1 ? '' : 's'}
          </dd>
        </dl>
      )}
      {active ? (
        <button type="button" className="btn" onClick={() => void disconnectRelay()} disabled={busy}>
          Disconnect
        </button>
      ) : (
        <form onSubmit={submit}>
          <label className="row">
            <span>Relay URL</span>
            <input
              type="url"
              required
              placeholder="https://relay.example.com"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>
          <label className="row">
            <span>Channel</span>
            <input
              required
              pattern="[A-Za-z0-9_\-]{1,64}"
              placeholder="my-laptop"
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
            />
          </label>
          <label className="row">
            <span>Token</span>
            <input type="password" required value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
          <button type="submit" className="btn primary" disabled={busy}>
            Connect
          </button>
        </form>
      )}
    </section>
  );
}
