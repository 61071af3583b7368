import { useState } from 'react';
import type { Settings } from '../../../../shared/settings';
import { useStudio } from '../../store/studio';
import { CopyButton } from '../../components/CopyButton';
import { DeliverySettings } from '../delivery-settings/DeliverySettings';

export function SettingsView() {
  const { client, settings, status } = useStudio();
  const [error, setError] = useState<string | null>(null);

  const save = async (patch: Partial<Settings>) => {
    if (!client) return;
    setError(null);
    try {
      await client.call('settings.set', { patch });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="area">
      <header className="area-head">
        <h1>Settings</h1>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="card">
        <h2>Appearance</h2>
        <label className="row">
          <span>Theme</span>
          <select
            value={settings?.theme ?? 'system'}
            onChange={(e) => save({ theme: e.target.value as Settings['theme'] })}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </div>
      <DeliverySettings />
      {status && (
        <div className="card">
          <h2>This studio</h2>
          <dl className="facts">
            <dt>Version</dt>
            <dd>{status.version}</dd>
            <dt>Mock API</dt>
            <dd>
              <code>{status.apiBaseUrl}/api/v1</code>
            </dd>
            <dt>Data folder</dt>
            <dd>
              <code>{status.dataDir}</code> <CopyButton text={status.dataDir} />
            </dd>
            <dt>Database</dt>
            <dd>
              <code>{status.dbPath}</code>
            </dd>
            <dt>Default project</dt>
            <dd>
              <code>{status.projectId}</code> <CopyButton text={status.projectId} />
            </dd>
            <dt>Default agent</dt>
            <dd>
              <code>{status.agentId}</code> <CopyButton text={status.agentId} />
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
