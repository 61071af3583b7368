import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import '../api-ui/api-ui.css';
import { Confirm } from '../api-ui/Confirm';
import { AgentsCard } from './AgentsCard';
import { KeysCard } from './KeysCard';
import { useProjects } from './projects-store';

/** Projects, their API keys and agents. */
export function ProjectsView() {
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
        <h1>Projects &amp; keys</h1>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {status && (
        <div className="card" style={{ maxWidth: 'none' }}>
          <h2>Point your code at the mock</h2>
          <code>SONZAI_BASE_URL={status.apiBaseUrl}</code>{' '}
          <CopyButton text={`SONZAI_BASE_URL=${status.apiBaseUrl}\nSONZAI_API_KEY=${status.apiKey}`} label="Copy env" />
        </div>
      )}
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>Projects</h2>
        <div className="inline-form">
          <label>
            Project
            <select value={selected ?? ''} onChange={(e) => void select(e.target.value)} aria-label="Selected project">
              {projects.map((p) => (
                <option key={p.projectId} value={p.projectId}>
                  {p.name}
                  {p.isDefault ? ' (default)' : ''}
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
              Delete project
            </button>
          )}
        </div>
        {deleting && current && (
          <Confirm
            message={`Delete ${current.name} with its keys, agents and webhooks?`}
            confirmLabel="Delete project"
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
            New project
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="My app (staging)"
              maxLength={200}
            />
          </label>
          <button type="submit" className="btn primary" disabled={!name.trim()}>
            Create project
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
