import { useEffect, type ReactNode } from 'react';
import { AREAS, useStudio, type AreaId } from './store/studio';
import { Nav } from './components/Nav';
import { StatusBar } from './components/StatusBar';
import { NotBuilt } from './features/placeholder/NotBuilt';
import { SettingsView } from './features/settings/SettingsView';
import { WebhooksView } from './features/webhooks/WebhooksView';
import { ProjectsView } from './features/projects/ProjectsView';
import { RequestsView } from './features/requests/RequestsView';

const NOT_BUILT: Record<Exclude<AreaId, 'settings'>, string> = {
  events: 'Fire agent.* events, bursts and scenarios at your handler. Arrives with the events feature.',
  deliveries: 'Every delivery attempt, live, with replay. Arrives with the dispatcher and inspector features.',
  webhooks: 'Register, edit and rotate webhooks per project. Arrives with the mock API feature.',
  projects: 'Projects, API keys and agents. Arrives with the mock API feature.',
  requests: 'The mock API request log. Arrives with the mock API feature.',
  tunnel: 'Capture requests in an inbox and bring public webhooks to localhost. Arrives with the tunnel feature.',
  notifications: 'Proactive notifications, wakeups and the studio clock. Arrives with the events feature.',
  signatures: 'Check any body, header and secret against the Sonzai scheme. Arrives with the inspector feature.',
};

function AreaView({ area }: { area: AreaId }): ReactNode {
  if (area === 'settings') return <SettingsView />;
  if (area === 'webhooks') return <WebhooksView />;
  if (area === 'projects') return <ProjectsView />;
  if (area === 'requests') return <RequestsView />;
  const label = AREAS.find((a) => a.id === area)?.label ?? area;
  return <NotBuilt title={label} what={NOT_BUILT[area]} />;
}

export function App() {
  const area = useStudio((s) => s.area);
  const theme = useStudio((s) => s.settings?.theme ?? 'system');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= AREAS.length) useStudio.getState().setArea(AREAS[n - 1].id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="shell">
      <Nav />
      <main className="main">
        <AreaView area={area} />
      </main>
      <StatusBar />
    </div>
  );
}
