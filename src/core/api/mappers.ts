import type { ProactiveRow, ProjectNotificationRow, WakeupRow } from '../proactive';
import type { KeyRow } from '../store/keys-repo';
import type { AgentRow, ProjectRow } from '../store/projects-repo';
import type { WebhookRow } from '../store/webhooks-repo';

/** Rows → the published response objects (exact property sets: the schemas forbid extras). */

const opt = <T>(v: T | null | undefined) => (v === null || v === undefined ? undefined : v);
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function projectOut(p: ProjectRow) {
  return compact({
    project_id: p.project_id,
    tenant_id: p.tenant_id,
    name: p.name,
    game_name: p.game_name,
    business_name: p.business_name,
    environment: p.environment,
    created_at: p.created_at,
    is_active: !!p.is_active,
    default_agent_kb_write: p.default_agent_kb_write === null ? undefined : !!p.default_agent_kb_write,
  });
}

function scopes(k: KeyRow): string[] {
  try {
    const s = JSON.parse(k.scopes_json) as unknown;
    return Array.isArray(s) && s.length ? s.map(String) : ['*'];
  } catch {
    return ['*'];
  }
}

export const keyPrefix = (secret: string) => secret.slice(0, 8);

/** `now`: the studio clock (keys expire on it). */
export function keyOut(k: KeyRow, tenantId: string, now: Date) {
  return compact({
    key_id: k.key_id,
    project_id: k.project_id,
    tenant_id: tenantId,
    name: k.name,
    key_prefix: keyPrefix(k.secret),
    created_by: 'studio',
    is_active: !k.revoked_at && !(k.expires_at && k.expires_at <= now.toISOString()),
    is_admin_managed: false,
    created_at: k.created_at,
    scopes: scopes(k),
    expires_at: opt(k.expires_at),
    last_used_at: opt(k.last_used_at),
  });
}

export function createdKeyOut(k: KeyRow, tenantId: string) {
  return compact({
    key_id: k.key_id,
    project_id: k.project_id,
    tenant_id: tenantId,
    name: k.name,
    key_prefix: keyPrefix(k.secret),
    key: k.secret,
    is_active: true,
    scopes: scopes(k),
    created_at: k.created_at,
    created_by: 'studio',
    expires_at: opt(k.expires_at),
  });
}

type AgentBody = Record<string, unknown>;
const body = (a: AgentRow): AgentBody => {
  try {
    const b = JSON.parse(a.body_json) as unknown;
    return b && typeof b === 'object' && !Array.isArray(b) ? (b as AgentBody) : {};
  } catch {
    return {};
  }
};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : undefined);

function big5(v: unknown) {
  if (!v || typeof v !== 'object') return undefined;
  const b = v as Record<string, unknown>;
  const traits = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'] as const;
  if (!traits.every((t) => typeof b[t] === 'number')) return undefined;
  const fractional = traits.every((t) => (b[t] as number) <= 1);
  return Object.fromEntries(
    traits.map((t) => [t, { score: fractional ? (b[t] as number) * 100 : (b[t] as number), confidence: 1 }]),
  );
}

function pick(v: unknown, keys: readonly string[]) {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (!keys.every((k) => k in o)) return undefined;
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

export function agentIndexOut(a: AgentRow, tenantId: string) {
  const b = body(a);
  return compact({
    agent_id: a.agent_id,
    tenant_id: tenantId,
    owner_user_id: str(b.user_id) ?? 'owner_local',
    instance_count: 0,
    is_active: a.is_active !== 0,
    created_at: a.created_at,
    name: a.name,
    project_id: a.project_id,
    proactive_mode: str(b.proactiveMode) ?? 'full',
    owner_display_name: str(b.user_display_name),
  });
}

export function agentDetailOut(a: AgentRow, tenantId: string) {
  const b = body(a);
  return compact({
    ...agentIndexOut(a, tenantId),
    bio: str(b.bio),
    gender: str(b.gender),
    avatar_url: str(b.avatar_url),
    personality_prompt: str(b.personality_prompt),
    primary_traits: strs(b.primary_traits),
    speech_patterns: strs(b.speech_patterns),
    true_interests: strs(b.true_interests),
    true_dislikes: strs(b.true_dislikes),
    big5: big5(b.big5),
    behaviors: pick(b.behaviors, ['response_length', 'question_frequency', 'empathy_style', 'conflict_approach']),
    preferences: pick(b.preferences, ['conversation_pace', 'formality', 'humor_style', 'emotional_expression']),
    dimensions: pick(b.dimensions, [
      'intellect',
      'aesthetic',
      'industriousness',
      'orderliness',
      'enthusiasm',
      'assertiveness',
      'compassion',
      'politeness',
      'withdrawal',
      'volatility',
    ]),
  });
}

export function webhookOut(w: WebhookRow) {
  return compact({
    project_id: w.project_id,
    event_type: w.event_type,
    webhook_url: w.webhook_url,
    is_active: !!w.is_active,
    created_at: w.created_at,
    updated_at: w.updated_at,
    auth_header: opt(w.auth_header),
  });
}

export interface AttemptRow {
  seq: number;
  attempt_id: string;
  project_id: string;
  event_type: string;
  webhook_url: string;
  attempt_number: number;
  status: string;
  response_code: number | null;
  duration_ms: number | null;
  error_message: string | null;
  request_body: Buffer | string | null;
  response_body: string | null;
  created_at: string;
}

export function attemptOut(a: AttemptRow) {
  const raw = a.request_body;
  return compact({
    attempt_id: a.attempt_id,
    project_id: a.project_id,
    event_type: a.event_type,
    webhook_url: a.webhook_url,
    response_code: a.response_code ?? 0,
    duration_ms: Math.round(a.duration_ms ?? 0),
    attempt_number: a.attempt_number,
    status: a.status,
    created_at: a.created_at,
    response_body: opt(a.response_body),
    error_message: opt(a.error_message),
    request_body: raw === null ? undefined : Buffer.from(raw).toString('base64'),
  });
}

export function proactiveOut(n: ProactiveRow) {
  return compact({
    message_id: n.message_id,
    agent_id: n.agent_id,
    user_id: n.user_id,
    check_type: n.check_type,
    generated_message: n.generated_message,
    status: n.status,
    created_at: n.created_at,
    wakeup_id: opt(n.wakeup_id),
    intent: opt(n.intent),
    consumed_at: opt(n.consumed_at),
  });
}

export function notificationOut(n: ProjectNotificationRow) {
  let payload: unknown = null;
  try {
    payload = JSON.parse(n.payload_json);
  } catch {
    /* stored payloads are JSON; a broken one shows as null */
  }
  return compact({
    notification_id: n.notification_id,
    project_id: n.project_id,
    event_type: n.event_type,
    payload,
    status: n.status,
    created_at: n.created_at,
    agent_id: opt(n.agent_id),
    user_id: opt(n.user_id),
    expires_at: opt(n.expires_at),
    acknowledged_at: opt(n.acknowledged_at),
  });
}

export function wakeupOut(w: WakeupRow) {
  return compact({
    wakeup_id: w.wakeup_id,
    agent_id: w.agent_id,
    user_id: w.user_id,
    check_type: w.check_type,
    scheduled_at: w.scheduled_at,
    status: w.status,
    created_at: w.created_at,
    intent: w.intent || undefined,
    occasion: opt(w.occasion),
    interest_topic: opt(w.interest_topic),
    event_description: opt(w.event_description),
    executed_at: opt(w.executed_at),
  });
}
