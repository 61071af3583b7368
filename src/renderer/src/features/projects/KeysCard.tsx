import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { Confirm } from '../api-ui/Confirm';
import { useProjects } from './projects-store';
import { dateTime } from '../../format';

/** API keys of the selected project: create, copy, revoke (with confirmation). */
export function KeysCard() {
  const { keys, createKey, revokeKey } = useProjects();
  const [name, setName] = useState('');
  const [revoking, setRevoking] = useState<string | null>(null);
  return (
    <div className="card" style={{ maxWidth: 'none' }}>
      <h2>API keys</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void createKey(name.trim()).then(() => setName(''));
        }}
      >
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Default key" maxLength={200} />
        </label>
        <button type="submit" className="btn primary">
          Create key
        </button>
      </form>
      {keys.length === 0 ? (
        <p className="muted">No keys in this project.</p>
      ) : (
        <table className="tbl">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Status</th>
              <th>Last used</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.keyId}>
                <td>{k.name}</td>
                <td>
                  <code>{k.keyPrefix}…</code>
                  {k.isActive && <CopyButton text={k.secret} label="Copy key" title={`Copy the API key ${k.name}`} />}
                </td>
                <td>
                  <span className={`pill ${k.isActive ? 'on' : 'off'}`}>{k.isActive ? 'active' : 'revoked'}</span>
                </td>
                <td className="muted">{k.lastUsedAt ? dateTime(k.lastUsedAt) : 'never'}</td>
                <td className="actions">
                  {k.isActive &&
                    (revoking === k.keyId ? (
                      <Confirm
                        message={`Revoke ${k.name}? Code using it gets 401 at once.`}
                        confirmLabel="Revoke"
                        onCancel={() => setRevoking(null)}
                        onConfirm={() => {
                          setRevoking(null);
                          void revokeKey(k.keyId);
                        }}
                      />
                    ) : (
                      <button type="button" className="btn small danger" onClick={() => setRevoking(k.keyId)}>
                        Revoke
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
