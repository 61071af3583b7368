import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useSignatures } from './store';

const LABELS = { node: 'Node.js', python: 'Python', go: 'Go' } as const;

/** Handler code that verifies production's scheme, ready to copy. */
export function SnippetsPanel() {
  const snippets = useSignatures((s) => s.snippets);
  const [lang, setLang] = useState<'node' | 'python' | 'go'>('node');
  const current = snippets.find((s) => s.language === lang) ?? snippets[0];
  return (
    <section className="card sig-card" aria-label="Verification snippets">
      <h2>Verify in your handler</h2>
      <p className="muted">
        HMAC-SHA256 over <code>&quot;&lt;t&gt;.&quot; + raw body</code>, key = the secret without <code>whsec_</code> as
        UTF-8 bytes (not base64-decoded), hex, any <code>v1=</code> may match, 300 s tolerance.
      </p>
      {!current ? (
        <p className="muted">Loading snippets…</p>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label="Language">
            {snippets.map((s) => (
              <button
                key={s.language}
                type="button"
                role="tab"
                aria-selected={s.language === current.language}
                className={s.language === current.language ? 'active' : ''}
                onClick={() => setLang(s.language)}
              >
                {LABELS[s.language]}
              </button>
            ))}
          </div>
          <div className="sig-snippet-bar">
            <code>{current.filename}</code>
            <CopyButton text={current.code} label="Copy code" title={`Copy ${current.filename}`} />
          </div>
          <pre tabIndex={0} className="sig-code">
            {current.code}
          </pre>
        </>
      )}
    </section>
  );
}
