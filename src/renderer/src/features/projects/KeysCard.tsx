import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { Confirm } from '../api-ui/Confirm';
import { useProjects } from './projects-store';
import { dateTime } from '../../format';

/** The name the studio gives a key created without one: a value, the same in every language. */
const DEFAULT_KEY_NAME = 'Default key';

/** API keys of the selected project: create, copy, revoke (with confirmation). */
export function KeysCard() {
  const { t } = useTranslation(['projects', 'common']);
  const { keys, createKey, revokeKey } = useProjects();
  const [name, setName] = useState('');
  const [revoking, setRevoking] = useState<string | null>(null);
  return (
    <div className="card" style={{ maxWidth: 'none' }}>
      <h2>{t('keys.title')}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void createKey(name.trim()).then(() => setName(''));
        }}
      >
        <label>
          {t('keys.name')}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={DEFAULT_KEY_NAME}
            translate="no"
            maxLength={200}
          />
        </label>
        <button type="submit" className="btn primary">
          {t('keys.create')}
        </button>
      </form>
      {keys.length === 0 ? (
        <p className="muted">{t('keys.empty')}</p>
      ) : (
        <table className="tbl">
          <thead>
            <tr>
              <th>{t('keys.name')}</th>
              <th>{t('keys.key')}</th>
              <th>{t('keys.status')}</th>
              <th>{t('keys.lastUsed')}</th>
              <th>
                <span className="sr-only">{t('common:table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.keyId}>
                <td>{k.name}</td>
                <td>
                  <code>{k.keyPrefix}…</code>
                  {k.isActive && (
                    <CopyButton text={k.secret} label={t('keys.copy')} title={t('keys.copyTitle', { name: k.name })} />
                  )}
                </td>
                <td>
                  <span className={`pill ${k.isActive ? 'on' : 'off'}`}>
                    {k.isActive ? t('keys.active') : t('keys.revoked')}
                  </span>
                </td>
                <td className="muted">{k.lastUsedAt ? dateTime(k.lastUsedAt) : t('keys.never')}</td>
                <td className="actions">
                  {k.isActive &&
                    (revoking === k.keyId ? (
                      <Confirm
                        message={t('keys.confirmRevoke', { name: k.name })}
                        confirmLabel={t('keys.revoke')}
                        onCancel={() => setRevoking(null)}
                        onConfirm={() => {
                          setRevoking(null);
                          void revokeKey(k.keyId);
                        }}
                      />
                    ) : (
                      <button type="button" className="btn small danger" onClick={() => setRevoking(k.keyId)}>
                        {t('keys.revoke')}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
