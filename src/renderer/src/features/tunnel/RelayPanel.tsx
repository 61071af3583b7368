import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { count, duration } from '../../format';
import { useTunnel } from './tunnel-store';

/** Examples of what to type: a relay's address and a channel name (values, the same in every language). */
const EXAMPLE_RELAY = 'https://relay.example.com';
const EXAMPLE_CHANNEL = 'my-laptop';

/** Connect the studio to a public relay, and see the connection's health. */
export function RelayPanel() {
  const { t } = useTranslation('tunnel');
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
    <section className="card relay-panel" aria-label={t('relay.label')}>
      <h2>{t('relay.label')}</h2>
      <p
        className={`relay-state conn conn-${state === 'connected' ? 'connected' : active ? 'connecting' : 'disconnected'}`}
      >
        <span className="dot" aria-hidden /> {t(`relay.state.${state}`)}
        {relay?.lastError && state !== 'connected' && <span className="muted"> · {relay.lastError}</span>}
      </p>
      {relay && active && (
        <dl className="facts">
          <dt>{t('relay.publicUrl')}</dt>
          <dd>
            <code>{relay.channelUrl}</code> {relay.channelUrl && <CopyButton text={relay.channelUrl} />}
          </dd>
          <dt>{t('relay.roundTrip')}</dt>
          <dd>{relay.rttMs === null ? '—' : duration(relay.rttMs)}</dd>
          <dt>{t('relay.backlog')}</dt>
          <dd>{count(relay.backlog)}</dd>
          <dt>{t('relay.relayed')}</dt>
          <dd>
            {t('relay.requests', { count: relay.relayed, n: count(relay.relayed) })} ·{' '}
            {t('relay.reconnects', { count: relay.reconnects, n: count(relay.reconnects) })}
          </dd>
        </dl>
      )}
      {active ? (
        <button type="button" className="btn" onClick={() => void disconnectRelay()} disabled={busy}>
          {t('relay.disconnect')}
        </button>
      ) : (
        <form onSubmit={submit}>
          <label className="row">
            <span>{t('relay.url')}</span>
            <input
              type="url"
              required
              placeholder={EXAMPLE_RELAY}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>
          <label className="row">
            <span>{t('relay.channel')}</span>
            <input
              required
              pattern="[A-Za-z0-9_\-]{1,64}"
              placeholder={EXAMPLE_CHANNEL}
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
            />
          </label>
          <label className="row">
            <span>{t('relay.token')}</span>
            <input type="password" required value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
          <button type="submit" className="btn primary" disabled={busy}>
            {t('relay.connect')}
          </button>
        </form>
      )}
    </section>
  );
}
