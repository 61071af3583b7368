import { useGrouped } from '../features/deliveries/grouped-store';
import { useDeliveries } from '../features/deliveries/store';
import { formatRoute, parseHash, type Route } from './route';
import { useStudio } from './studio';

/** The route the app shows now. */
export function currentRoute(): Route {
  const area = useStudio.getState().area;
  if (area !== 'deliveries') return { area };
  const attempt = useDeliveries.getState().selectedId;
  if (attempt) return { area, item: { kind: 'attempt', id: attempt } };
  const delivery = useGrouped.getState().expandedId;
  if (delivery) return { area, item: { kind: 'delivery', id: delivery } };
  return { area };
}

/**
 * Keeps the address bar and the app in step: every area and every opened delivery or
 * attempt has a URL (`#/deliveries/delivery/dlv_…`), so a reload, back/forward and a pasted
 * link land where they point. A new area is a history entry; opening items replaces it.
 * Returns the stop function.
 */
export function startRouteSync(win: Window = window): () => void {
  let applying = false;
  let pendingItem: Route['item'] | null = null;

  const openItem = (item: NonNullable<Route['item']>) => {
    const { client, connection } = useStudio.getState();
    if (!client || connection !== 'connected') {
      pendingItem = item; // opened once the studio answers
      return;
    }
    pendingItem = null;
    if (item.kind === 'attempt') void useDeliveries.getState().select(item.id);
    else {
      useDeliveries.setState({ view: 'deliveries' });
      void useDeliveries.getState().select(null);
      void useGrouped.getState().expand(item.id);
    }
  };

  const apply = (route: Route | null) => {
    if (!route) return;
    applying = true;
    try {
      useStudio.getState().setArea(route.area);
      if (route.item) openItem(route.item);
    } finally {
      applying = false;
    }
  };

  const write = (prevArea: string | null) => {
    if (applying) return;
    const hash = formatRoute(currentRoute());
    if (hash === win.location.hash) return;
    const url = win.location.pathname + win.location.search + hash;
    if (prevArea !== null && prevArea !== useStudio.getState().area) win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
  };

  apply(parseHash(win.location.hash));
  write(null);

  const offs = [
    useStudio.subscribe((s, prev) => {
      if (s.area !== prev.area) write(prev.area);
      if (pendingItem && s.client && s.connection === 'connected') openItem(pendingItem);
    }),
    useDeliveries.subscribe((s, prev) => {
      if (s.selectedId !== prev.selectedId) write(null);
    }),
    useGrouped.subscribe((s, prev) => {
      if (s.expandedId !== prev.expandedId) write(null);
    }),
  ];
  const onPop = () => apply(parseHash(win.location.hash));
  win.addEventListener('popstate', onPop);
  win.addEventListener('hashchange', onPop);
  return () => {
    offs.forEach((off) => off());
    win.removeEventListener('popstate', onPop);
    win.removeEventListener('hashchange', onPop);
  };
}
