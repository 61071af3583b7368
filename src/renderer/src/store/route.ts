import { AREAS, type AreaId } from './studio';

/** What a URL names: an area, and in Deliveries an open attempt or delivery. */
export interface Route {
  area: AreaId;
  item?: { kind: 'attempt' | 'delivery'; id: string };
}

const AREA_IDS = new Set<string>(AREAS.map((a) => a.id));
const ITEM_KINDS = new Set(['attempt', 'delivery']);

/** `#/deliveries/attempt/att_1` → route; anything else (the launch `#token=…` included) → null. */
export function parseHash(hash: string): Route | null {
  const m = /^#\/([a-z-]+)(?:\/([a-z]+)\/([^/?#]+))?\/?$/.exec(hash);
  if (!m || !AREA_IDS.has(m[1])) return null;
  const area = m[1] as AreaId;
  if (!m[2]) return { area };
  if (!ITEM_KINDS.has(m[2])) return { area };
  let id: string;
  try {
    id = decodeURIComponent(m[3]);
  } catch {
    return { area };
  }
  return { area, item: { kind: m[2] as 'attempt' | 'delivery', id } };
}

export function formatRoute(r: Route): string {
  return `#/${r.area}${r.item ? `/${r.item.kind}/${encodeURIComponent(r.item.id)}` : ''}`;
}
