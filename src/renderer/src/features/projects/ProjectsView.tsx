import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import '../api-ui/api-ui.css';
import { errorText } from '../api-ui/call';
import { Confirm } from '../api-ui/Confirm';
import { AgentsCard } from './AgentsCard';
import { KeysCard } from './KeysCard';
import { useProjects } from './projects-store';

/** Projects, their API keys and agents. */
export function ProjectsView() {
  const { t } = useTranslation('projects');
  const client = useStudio((s) => s.client);
  const connection = useStudio((s) => s.connection);
  const status = useStudio((s) => s.status);
  const { projects, selected, error, load, select, createProject, deleteProject } = useProjects();
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState(false);
  const current = projects.find((p) => p.projectId === selected);

  useEffect(() => {
    if (client && connection === 'connected') void load();
  }, [client, connection, load]);

  return (
    <section className="area">
      <header className="area-head">
        <h1>{t('title')}</h1>
      </header>
      {error != null && (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      )}
      {status && (
        <div className="card" style={{ maxWidth: 'none' }}>
          <h2>{t('env.title')}</h2>
          <code>{`SONZAI_BASE_URL=${status.apiBaseUrl}`}</code>{' '}
          <CopyButton
            text={`SONZAI_BASE_URL=${status.apiBaseUrl}\nSONZAI_API_KEY=${status.apiKey}`}
            label={t('env.copy')}
          />
        </div>
      )}
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>{t('projects.title')}</h2>
        <div className="inline-form">
          <label>
            {t('projects.project')}
            <select
              value={selected ?? ''}
              onChange={(e) => void select(e.target.value)}
              aria-label={t('projects.selected')}
            >
              {projects.map((p) => (
                <option key={p.projectId} value={p.projectId} translate="no">
                  {p.isDefault ? t('projects.isDefault', { name: p.name }) : p.name}
                </option>
              ))}
            </select>
          </label>
          {current && (
            <span>
              <code>{current.projectId}</code> <CopyButton text={current.projectId} />
            </span>
          )}
          {current && !current.isDefault && (
            <button type="button" className="btn danger" onClick={() => setDeleting(true)}>
              {t('projects.delete')}
            </button>
          )}
        </div>
        {deleting && current && (
          <Confirm
            message={t('projects.confirmDelete', { name: current.name })}
            confirmLabel={t('projects.delete')}
            onCancel={() => setDeleting(false)}
            onConfirm={() => {
              setDeleting(false);
              void deleteProject(current.projectId);
            }}
          />
        )}
        <form
          className="inline-form"
          style={{ marginTop: 10 }}
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void createProject(name.trim()).then(() => setName(''));
          }}
        >
          <label>
            {t('projects.newProject')}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('projects.placeholder')}
              maxLength={200}
            />
          </label>
          <button type="submit" className="btn primary" disabled={!name.trim()}>
            {t('projects.create')}
          </button>
        </form>
      </div>
      {selected && (
        <>
          <KeysCard />
          <AgentsCard />
        </>
      )}
    </section>
  );
}
