import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { Confirm } from '../api-ui/Confirm';
import { useProjects } from './projects-store';

/** Agents of the selected project: create, copy id, delete (with confirmation). */
export function AgentsCard() {
  const { agents, createAgent, deleteAgent } = useProjects();
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<string | null>(null);
  return (
    <div className="card" style={{ maxWidth: 'none' }}>
      <h2>Agents</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void createAgent(name.trim()).then(() => setName(''));
        }}
      >
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Aiko" maxLength={200} />
        </label>
        <button type="submit" className="btn primary" disabled={!name.trim()}>
          Create agent
        </button>
      </form>
      {agents.length === 0 ? (
        <p className="muted">No agents yet. Your code can create them too (POST /api/v1/agents).</p>
      ) : (
        <table className="tbl">
          <thead>
            <tr>
              <th>Name</th>
              <th>Agent id</th>
              <th>
                <span className="sr-only">Actions</span>
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
                      message={`Delete agent ${a.name}?`}
                      confirmLabel="Delete"
                      onCancel={() => setDeleting(null)}
                      onConfirm={() => {
                        setDeleting(null);
                        void deleteAgent(a.agentId);
                      }}
                    />
                  ) : (
                    <button type="button" className="btn small danger" onClick={() => setDeleting(a.agentId)}>
                      Delete
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
