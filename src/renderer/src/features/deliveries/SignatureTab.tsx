import type { SignatureInspection } from '../../../../shared/contract/inspector';
import { CopyButton } from '../../components/CopyButton';

/** What was signed, by which secret, the recomputed HMAC, and ✓/✗ against the current secret. */
export function SignatureTab({ s }: { s: SignatureInspection | null }) {
  if (!s) return <p className="muted">No signature information for this attempt.</p>;
  return (
    <div className="dl-sig">
      <div className={`verdict ${s.current.ok ? 'verdict-ok' : 'verdict-bad'}`} role="status">
        <span className="verdict-mark" aria-hidden>
          {s.current.ok ? '✓' : '✗'}
        </span>
        <span>
          <strong>
            {s.current.ok ? 'Verifies with the current secret' : 'Does not verify with the current secret'}
          </strong>
          <br />
          {s.current.reason}
        </span>
      </div>
      <dl className="facts">
        <dt>Header</dt>
        <dd>
          {s.header ? (
            <>
              <code>Sonzai-Signature: {s.header}</code> <CopyButton text={s.header} />
            </>
          ) : (
            <span className="muted">none sent</span>
          )}
        </dd>
        <dt>Timestamp</dt>
        <dd>
          {s.timestamp !== null ? (
            <>
              <code>{s.timestamp}</code> <span className="muted">({s.signedAt})</span>
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Signed by</dt>
        <dd>
          {s.signers.length === 0 && <span className="muted">unknown</span>}
          {s.signers.map((x) => (
            <div key={x.secretId} className="dl-signer">
              <code>{x.secretMasked ?? x.secretId}</code> <span className={`pill pill-${x.state}`}>{x.state}</span>
              {x.rotatedAt && <span className="muted"> rotated {x.rotatedAt}</span>}
              <div>
                HMAC <code className="hex">{x.computedHmac ?? '—'}</code>{' '}
                {x.inHeader ? '✓ in header' : '✗ not in header'}
              </div>
            </div>
          ))}
        </dd>
        <dt>Current secret HMAC</dt>
        <dd>
          <code className="hex">{s.current.computedHmac ?? '—'}</code>
        </dd>
      </dl>
      <h3>Signed string</h3>
      <p className="muted">HMAC-SHA256(secret without whsec_, "&lt;t&gt;." + raw body), hex.</p>
      <pre tabIndex={0} className="dl-pre">
        {s.signedString}
      </pre>
      <CopyButton text={s.signedString} label="Copy signed string" />
    </div>
  );
}
