import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store/studio';
import { BurstPanel } from './BurstPanel';
import { useBuiltInText } from './builtin-text';
import { CatalogPicker } from './CatalogPicker';
import { CustomTypeForm } from './CustomTypeForm';
import { EventEditor } from './EventEditor';
import { PreviewPanel } from './PreviewPanel';
import { ScenariosPanel } from './ScenariosPanel';
import { FireOutcome } from './FireOutcome';
import { SdkShapes } from './SdkShapes';
import { eventsActions, useEvents } from './store';
import { errorText } from '../api-ui/call';
import { OneInboxEvents } from '../oneinbox/OneInboxEvents';
import { PlatformSwitch, type Platform } from '../oneinbox/PlatformSwitch';
import './events.css';

/** The Events area: pick a type and a target, edit, preview the exact request, fire, burst, run scenarios. */
export function EventsView() {
  const { t } = useTranslation('events');
  const { typeDescription } = useBuiltInText();
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
          <h1>{t('title')}</h1>
          <PlatformSwitch value={platform} onChange={setPlatform} />
        </header>
        <OneInboxEvents />
      </section>
    );
  return (
    <section className="area ev-area">
      <header className="area-head">
        <h1>{t('title')}</h1>
        <PlatformSwitch value={platform} onChange={setPlatform} />
      </header>
      {error && (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      )}
      {notice && (
        <div className="ev-notice" role="status">
          {notice.key === 'scenarioImported'
            ? t('notice.scenarioImported', { name: notice.name })
            : t(`notice.${notice.key}`)}
        </div>
      )}
      <div className="ev-grid">
        <aside className="ev-side">
          <CatalogPicker
            catalog={catalog}
            selected={eventType}
            onSelect={(type) => void eventsActions.selectType(type)}
          />
          <details className="ev-new-type" open={newTypeOpen} onToggle={(e) => setNewTypeOpen(e.currentTarget.open)}>
            <summary>{t('view.newCustomType')}</summary>
            <CustomTypeForm onDone={() => setNewTypeOpen(false)} />
          </details>
        </aside>
        <div className="ev-main">
          <div className="card">
            <h2>
              <code>{eventType}</code>
            </h2>
            {entry && <p className="muted ev-small">{typeDescription(entry)}</p>}
            {entry && <SdkShapes entry={entry} />}
            {entry?.family === 'custom' && (
              <button type="button" onClick={() => void eventsActions.deleteCustomType(entry.type)}>
                {t('view.deleteCustomType')}
              </button>
            )}
            <div className="ev-targets">
              <label>
                {t('view.project')}
                <select
                  aria-label={t('view.project')}
                  value={projectId}
                  onChange={(e) => void eventsActions.selectProject(e.target.value)}
                >
                  {(targets?.projects ?? []).map((p) => (
                    <option key={p.projectId} value={p.projectId} translate="no">
                      {p.isDefault ? t('view.defaultProject', { name: p.name }) : p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('view.agent')}
                <select
                  aria-label={t('view.agent')}
                  value={agentId}
                  onChange={(e) => eventsActions.setTarget({ agentId: e.target.value })}
                >
                  <option value="">{t('view.firstAgent')}</option>
                  {(targets?.agents ?? []).map((a) => (
                    <option key={a.agentId} value={a.agentId} translate="no">
                      {a.name} ({a.language})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('view.user')}
                <input
                  aria-label={t('view.userId')}
                  value={userId}
                  onChange={(e) => eventsActions.setTarget({ userId: e.target.value })}
                />
              </label>
            </div>
          </div>
          <EventEditor />
          <div className="ev-actions ev-fire-row">
            <button type="button" onClick={() => void eventsActions.previewNow()}>
              {t('view.preview')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void eventsActions.fire()}
              title={t('view.fireTitle')}
            >
              {preview ? t('view.fireExact') : t('view.fire')}
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
