import { useTranslation } from 'react-i18next';
import type { SignatureInspection } from '../../../../shared/contract/inspector';
import { CopyButton } from '../../components/CopyButton';
import { dateTime } from '../../format';

/**
 * What was signed, by which secret, the recomputed HMAC, and ✓/✗ against the current secret.
 * The verdict is translated; the studio's reason under it stays its English detail (the core
 * gives it as a sentence, with no code to translate it by).
 */
export function SignatureTab({ s }: { s: SignatureInspection | null }) {
  const { t } = useTranslation('deliveryDetail');
  if (!s) return <p className="muted">{t('signature.none')}</p>;
  return (
    <div className="dl-sig">
      <div className={`verdict ${s.current.ok ? 'verdict-ok' : 'verdict-bad'}`} role="status">
        <span className="verdict-mark" aria-hidden>
          {s.current.ok ? t('mark.ok') : t('mark.bad')}
        </span>
        <span>
          <strong>{s.current.ok ? t('signature.verifies') : t('signature.doesNotVerify')}</strong>
          <br />
          <span lang="en">{s.current.reason}</span>
        </span>
      </div>
      <dl className="facts">
        <dt>{t('signature.header')}</dt>
        <dd>
          {s.header ? (
            <>
              <code>{t('signature.headerLine', { value: s.header })}</code> <CopyButton text={s.header} />
            </>
          ) : (
            <span className="muted">{t('signature.noneSent')}</span>
          )}
        </dd>
        <dt>{t('signature.timestamp')}</dt>
        <dd>
          {s.timestamp !== null ? (
            <>
              <code>{s.timestamp}</code>{' '}
              <span className="muted">{t('signature.signedAt', { time: dateTime(s.signedAt) })}</span>
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('signature.signedBy')}</dt>
        <dd>
          {s.signers.length === 0 && <span className="muted">{t('signature.unknown')}</span>}
          {s.signers.map((x) => (
            <div key={x.secretId} className="dl-signer">
              <code>{x.secretMasked ?? x.secretId}</code>{' '}
              <span className={`pill pill-${x.state}`}>{t(`signature.state.${x.state}`)}</span>
              {x.rotatedAt && (
                <span className="muted"> {t('signature.rotatedAt', { time: dateTime(x.rotatedAt) })}</span>
              )}
              <div>
                {t('signature.hmac')} <code className="hex">{x.computedHmac ?? '—'}</code>{' '}
                {x.inHeader ? t('signature.inHeader') : t('signature.notInHeader')}
              </div>
            </div>
          ))}
        </dd>
        <dt>{t('signature.currentHmac')}</dt>
        <dd>
          <code className="hex">{s.current.computedHmac ?? '—'}</code>
        </dd>
      </dl>
      <h3>{t('signature.signedString')}</h3>
      <p className="muted">{t('signature.formula')}</p>
      <pre tabIndex={0} className="dl-pre">
        {s.signedString}
      </pre>
      <CopyButton text={s.signedString} label={t('signature.copySigned')} />
    </div>
  );
}
