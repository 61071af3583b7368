import type { SdkShape } from './entities';
import type { EnvelopeKind } from './envelope';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The objects at an `sdkShapes` path inside an event's data (`data.current`, `changes[]`). */
export function entitiesAt(kind: EnvelopeKind, data: Obj, path: string): Obj[] {
  const parts = path.split('.').filter(Boolean);
  if (kind === 'envelope' && parts[0] === 'data') parts.shift();
  let level: unknown[] = [data];
  for (const raw of parts) {
    const each = raw.endsWith('[]');
    const key = each ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const o of level) {
      if (!isObj(o)) continue;
      const v = o[key];
      if (each && Array.isArray(v)) next.push(...v);
      else if (!each) next.push(v);
    }
    level = next;
  }
  return level.filter(isObj);
}

/**
 * A saved template names no agent or user (an upgraded one says `""`): the SDK entities in
 * it take the agent and user the event is fired for. Ids that are set are left alone.
 */
export function fillIdentity(
  kind: EnvelopeKind,
  shapes: readonly SdkShape[],
  data: Obj,
  agentId: string,
  userId: string,
): Obj {
  if (!shapes.length) return data;
  const out = structuredClone(data);
  for (const s of shapes) {
    for (const e of entitiesAt(kind, out, s.path)) {
      if (e.agent_id === '') e.agent_id = agentId;
      if (e.user_id === '') e.user_id = userId;
    }
  }
  return out;
}
