import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { useSignatures } from './store';

/** The languages' own names (product names, the same in every UI language). */
const LABELS = { node: 'Node.js', python: 'Python', go: 'Go' } as const;

/** Handler code that verifies production's scheme, ready to copy. */
export function SnippetsPanel() {
  const { t } = useTranslation('signatures');
  const snippets = useSignatures((s) => s.snippets);
  const [lang, setLang] = useState<'node' | 'python' | 'go'>('node');
  const current = snippets.find((s) => s.language === lang) ?? snippets[0];
  return (
    <section className="card sig-card" aria-label={t('snippets.label')}>
      <h2>{t('snippets.heading')}</h2>
      <p className="muted">
        <Trans
          t={t}
          i18nKey="snippets.intro"
          components={{ formula: <code>{t('snippets.formula')}</code>, c: <code /> }}
        />
      </p>
      {!current ? (
        <p className="muted">{t('snippets.loading')}</p>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label={t('snippets.language')}>
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
            <CopyButton
              text={current.code}
              label={t('snippets.copyCode')}
              title={t('snippets.copyFile', { file: current.filename })}
            />
          </div>
          <pre tabIndex={0} className="sig-code">
            {current.code}
          </pre>
        </>
      )}
    </section>
  );
}
