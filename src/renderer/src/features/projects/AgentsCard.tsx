import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { Confirm } from '../api-ui/Confirm';
import { useProjects } from './projects-store';

/** Agents of the selected project: create, copy id, delete (with confirmation). */
export function AgentsCard() {
  const { t } = useTranslation(['projects', 'common']);
  const { agents, createAgent, deleteAgent } = useProjects();
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<string | null>(null);
  return (
    <div className="card" style={{ maxWidth: 'none' }}>
      <h2>{t('agents.title')}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void createAgent(name.trim()).then(() => setName(''));
        }}
      >
        <label>
          {t('agents.name')}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('agents.placeholder')}
            translate="no"
            maxLength={200}
          />
        </label>
        <button type="submit" className="btn primary" disabled={!name.trim()}>
          {t('agents.create')}
        </button>
      </form>
      {agents.length === 0 ? (
        <p className="muted">{t('agents.empty')}</p>
      ) : (
        <table className="tbl">
          <thead>
            <tr>
              <th>{t('agents.name')}</th>
              <th>{t('agents.agentId')}</th>
              <th>
                <span className="sr-only">{t('common:table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.agentId}>
                <td>{a.name}</td>
                <td>
                  <code>{a.agentId}</code> <CopyButton text={a.agentId} />
                </td>
                <td className="actions">
                  {deleting === a.agentId ? (
                    <Confirm
                      message={t('agents.confirmDelete', { name: a.name })}
                      confirmLabel={t('common:action.delete')}
                      onCancel={() => setDeleting(null)}
                      onConfirm={() => {
                        setDeleting(null);
                        void deleteAgent(a.agentId);
                      }}
                    />
                  ) : (
                    <button type="button" className="btn small danger" onClick={() => setDeleting(a.agentId)}>
                      {t('common:action.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
