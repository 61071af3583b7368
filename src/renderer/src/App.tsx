import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n';
import { AREAS, useStudio, type AreaId } from './store/studio';
import { startRouteSync } from './store/route-sync';
import { Nav } from './components/Nav';
import { StatusBar } from './components/StatusBar';
import { StorageBanner } from './components/StorageBanner';
import { SettingsView } from './features/settings/SettingsView';
import { TunnelView } from './features/tunnel/TunnelView';
import { EventsView } from './features/events/EventsView';
import { NotificationsView } from './features/notifications/NotificationsView';
import { DeliveriesView } from './features/deliveries/DeliveriesView';
import { SignaturesView } from './features/signatures/SignaturesView';
import { WebhooksView } from './features/webhooks/WebhooksView';
import { ProjectsView } from './features/projects/ProjectsView';
import { RequestsView } from './features/requests/RequestsView';

/** One screen per area of the navigation. */
const VIEWS: Record<AreaId, () => ReactNode> = {
  events: EventsView,
  deliveries: DeliveriesView,
  webhooks: WebhooksView,
  projects: ProjectsView,
  requests: RequestsView,
  tunnel: TunnelView,
  notifications: NotificationsView,
  signatures: SignaturesView,
  settings: SettingsView,
};

function AreaView({ area }: { area: AreaId }): ReactNode {
  const View = VIEWS[area];
  return <View />;
}

export function App() {
  const area = useStudio((s) => s.area);
  const theme = useStudio((s) => s.settings?.theme ?? 'system');
  const language = useStudio((s) => s.settings?.language);
  const { t } = useTranslation('shell');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // The chosen language, live; "system" follows the OS or browser, even when it changes.
  useEffect(() => {
    setLanguage(language);
    const follow = () => setLanguage(useStudio.getState().settings?.language);
    window.addEventListener('languagechange', follow);
    return () => window.removeEventListener('languagechange', follow);
  }, [language]);

  useEffect(() => startRouteSync(), []);

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
      <a className="skip-link" href="#main">
        {t('skipToMain')}
      </a>
      <Nav />
      <main className="main" id="main" tabIndex={-1}>
        <StorageBanner />
        <AreaView area={area} />
      </main>
      <StatusBar />
    </div>
  );
}
