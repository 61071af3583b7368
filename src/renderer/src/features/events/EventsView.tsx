import { useEffect, useState } from 'react';
import { useStudio } from '../../store/studio';
import { BurstPanel } from './BurstPanel';
import { CatalogPicker } from './CatalogPicker';
import { CustomTypeForm } from './CustomTypeForm';
import { EventEditor } from './EventEditor';
import { PreviewPanel } from './PreviewPanel';
import { ScenariosPanel } from './ScenariosPanel';
import { FireOutcome } from './FireOutcome';
import { SdkShapes } from './SdkShapes';
import { eventsActions, useEvents } from './store';
import { OneInboxEvents } from '../oneinbox/OneInboxEvents';
import { PlatformSwitch, type Platform } from '../oneinbox/PlatformSwitch';
import './events.css';

/** The Events area: pick a type and a target, edit, preview the exact request, fire, burst, run scenarios. */
export function EventsView() {
  const client = useStudio((s) => s.client);
  const connected = useStudio((s) => s.connection === 'connected');
  const { catalog, targets, eventType, projectId, agentId, userId, preview, lastFire, error, notice } = useEvents();

  useEffect(() => {
    if (!client || !connected) return;
    void eventsActions.load();
    return eventsActions.subscribe();
  }, [client, connected]);

  const entry = catalog.find((c) => c.type === eventType);
  const [newTypeOpen, setNewTypeOpen] = useState(false);
  const [platform, setPlatform] = useState<Platform>('sonzai');

  if (platform === 'oneinbox')
    return (
      <section className="area ev-area">
        <header className="area-head">
          <h1>Events</h1>
          <PlatformSwitch value={platform} onChange={setPlatform} />
        </header>
        <OneInboxEvents />
      </section>
    );
  return (
    <section className="area ev-area">
      <header className="area-head">
        <h1>Events</h1>
        <PlatformSwitch value={platform} onChange={setPlatform} />
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <div className="ev-notice" role="status">
          {notice}
        </div>
      )}
      <div className="ev-grid">
        <aside className="ev-side">
          <CatalogPicker catalog={catalog} selected={eventType} onSelect={(t) => void eventsActions.selectType(t)} />
          <details className="ev-new-type" open={newTypeOpen} onToggle={(e) => setNewTypeOpen(e.currentTarget.open)}>
            <summary>New custom type</summary>
            <CustomTypeForm onDone={() => setNewTypeOpen(false)} />
          </details>
        </aside>
        <div className="ev-main">
          <div className="card">
            <h2>
              <code>{eventType}</code>
            </h2>
            {entry && <p className="muted ev-small">{entry.description}</p>}
            {entry && <SdkShapes entry={entry} />}
            {entry?.family === 'custom' && (
              <button type="button" onClick={() => void eventsActions.deleteCustomType(entry.type)}>
                Delete this custom type
              </button>
            )}
            <div className="ev-targets">
              <label>
                Project
                <select
                  aria-label="Project"
                  value={projectId}
                  onChange={(e) => void eventsActions.selectProject(e.target.value)}
                >
                  {(targets?.projects ?? []).map((p) => (
                    <option key={p.projectId} value={p.projectId}>
                      {p.name}
                      {p.isDefault ? ' (default)' : ''}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Agent
                <select
                  aria-label="Agent"
                  value={agentId}
                  onChange={(e) => eventsActions.setTarget({ agentId: e.target.value })}
                >
                  <option value="">First agent of the project</option>
                  {(targets?.agents ?? []).map((a) => (
                    <option key={a.agentId} value={a.agentId}>
                      {a.name} ({a.language})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                User
                <input
                  aria-label="User id"
                  value={userId}
                  onChange={(e) => eventsActions.setTarget({ userId: e.target.value })}
                />
              </label>
            </div>
          </div>
          <EventEditor />
          <div className="ev-actions ev-fire-row">
            <button type="button" onClick={() => void eventsActions.previewNow()}>
              Preview request
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void eventsActions.fire()}
              title="Fire (Ctrl+Enter in the editor)"
            >
              {preview ? 'Fire these exact bytes' : 'Fire'}
            </button>
          </div>
          {lastFire && <FireOutcome fired={lastFire} />}
          {preview && <PreviewPanel preview={preview} />}
          <BurstPanel />
          <ScenariosPanel />
        </div>
      </div>
    </section>
  );
}
