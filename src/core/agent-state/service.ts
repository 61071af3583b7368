import type { StudioContext } from '../context';
import { createAgentsLookup, type AgentsLookup } from '../events/agents-lookup';
import type { AgentRow } from '../store/projects-repo';
import type { BuildInput, BuiltEvent, FireOutcome } from '../events/fire';
import { asLang, type GenContext } from '../events/generators/context';
import { diaryEntry, moodState } from '../events/generators/sdk-entities';
import { baselineOf, clamp100, type MoodDims } from '../events/generators/shared';
import { createRng } from '../events/prng';
import { applyEventToState, STATEFUL_EVENT_TYPES } from './apply-event';
import { createSchedulesRepo, scheduleDto, type ScheduleRow } from './schedules-repo';
import { createAgentStateRepo } from './state-repo';

/** Backend event types that lift or lower the agent's mood (others leave it as it is). */
const MOOD_UP = /achievement|milestone|level_?up|quest_?complete|win|victory|reward|gift|celebrat/i;
const MOOD_DOWN = /fail|loss|lost|defeat|death|died|abandon|quit|churn|complain/i;

export interface BackendEventInput {
  projectId: string;
  agentId: string;
  userId: string;
  eventType: string;
  description?: string;
  language?: string;
  metadata?: Record<string, string>;
  messages?: unknown;
}

interface Glue {
  fire(input: BuildInput & { data: Record<string, unknown> }, source: string): FireOutcome;
  agents: AgentsLookup;
}

/**
 * The agent state events imply (mood, history, diary, breakthroughs) and the recurring
 * schedules that fire `on_recurring_event_due`, on the studio clock. `connect` gives it
 * the events feature's firer (the composition root does that once both exist).
 */
export function createAgentStateService(ctx: StudioContext) {
  const state = createAgentStateRepo(ctx.db);
  const schedules = createSchedulesRepo(ctx.db, ctx.clock, ctx.random);
  const active = ctx.db.prepare<[string], { is_active: number }>('SELECT is_active FROM agents WHERE agent_id = ?');
  let glue: Glue | null = null;
  const lookup = createAgentsLookup(ctx.db);
  const profileOf = (a: AgentRow) => lookup.profile(a.project_id, a.agent_id);

  /** The mood `getMood` returns: per user, else agent-global, else the personality's resting mood (not stored). */
  function currentMood(a: AgentRow, userId?: string): Record<string, unknown> {
    const stored = (userId && state.getMood(a.agent_id, userId)) || state.getMood(a.agent_id);
    if (stored) return userId ? { ...stored, user_id: userId } : stored;
    const gen: GenContext = {
      rng: createRng(`mood:${a.agent_id}`),
      now: new Date(a.created_at),
      projectId: a.project_id,
      agent: profileOf(a),
      userId: userId ?? '',
    };
    return moodState(gen, baselineOf(gen), { ...(userId ? { userId } : {}), since: new Date(a.created_at) });
  }
  const changed = (projectId: string | null) => ctx.bus.emit('proactive.changed', { projectId });

  /** Called for every fired event: records the state it announces. */
  function onFired(ev: BuiltEvent): void {
    if (!STATEFUL_EVENT_TYPES.has(ev.eventType)) return;
    try {
      if (applyEventToState(state, ev, ctx.clock.now().toISOString())) changed(ev.projectId);
    } catch {
      /* an agent that is not stored (fired by hand for a made-up id) has no state to keep */
    }
  }

  const isActive = (agentId: string) => (active.get(agentId)?.is_active ?? 1) === 1;

  /** Fires every schedule occurrence due at `now`, oldest first, each once; inactive agents' pass silently. */
  function runDueSchedules(now: Date = ctx.clock.now()): number {
    if (!glue) return 0;
    const g = glue;
    const projects = new Set<string>();
    const n = schedules.runDue(
      now,
      (row: ScheduleRow, occurrenceAt: string) => {
        projects.add(row.project_id);
        try {
          g.fire(
            {
              eventType: 'on_recurring_event_due',
              projectId: row.project_id,
              agentId: row.agent_id,
              userId: row.user_id,
              data: { schedule: scheduleDto(row), occurrence_at: occurrenceAt },
            },
            'schedule',
          );
        } catch {
          /* one occurrence that cannot be built (e.g. its body is too large) must not hold the others back */
        }
      },
      (row) => !isActive(row.agent_id),
    );
    for (const p of projects) changed(p);
    return n;
  }

  /**
   * What the platform does with a backend event, on the studio clock: a diary entry in
   * the event's language (fired as `on_diary_generated`), and a mood shift
   * (`on_mood_updated`) when the event type implies one.
   */
  function processBackendEvent(e: BackendEventInput, eventId: string): void {
    if (!glue) return;
    const now = ctx.clock.now();
    const profile = glue.agents.profile(e.projectId, e.agentId);
    const agent = { ...profile, language: e.language ? asLang(e.language) : profile.language };
    const gen: GenContext = {
      rng: createRng(`backend:${eventId}`),
      now,
      projectId: e.projectId,
      agent,
      userId: e.userId,
    };
    const entry = diaryEntry(gen, {
      entryId: ctx.random.uuid(),
      triggerType: e.eventType,
      ...(e.description ? { title: e.description.slice(0, 200) } : {}),
    });
    entry.tags = [e.eventType, ...Object.values(e.metadata ?? {}).slice(0, 10)].map((t) => t.slice(0, 100));
    glue.fire(
      {
        eventType: 'on_diary_generated',
        projectId: e.projectId,
        agentId: e.agentId,
        userId: e.userId,
        data: { entry },
      },
      'backend_event',
    );
    const up = MOOD_UP.test(e.eventType);
    const down = !up && MOOD_DOWN.test(e.eventType);
    if (!up && !down) return;
    const stored = state.getMood(e.agentId, e.userId) ?? state.getMood(e.agentId);
    const from: MoodDims = stored
      ? {
          valence: Number(stored.valence),
          arousal: Number(stored.arousal),
          tension: Number(stored.tension),
          affiliation: Number(stored.affiliation),
        }
      : baselineOf(gen);
    const sign = up ? 1 : -1;
    const to: MoodDims = {
      valence: clamp100(from.valence + sign * gen.rng.float(6, 14, 1)),
      arousal: clamp100(from.arousal + sign * gen.rng.float(3, 10, 1)),
      tension: clamp100(from.tension + sign * gen.rng.float(2, 8, 1)),
      affiliation: clamp100(from.affiliation + sign * gen.rng.float(2, 8, 1)),
    };
    const previous = stored && stored.user_id === e.userId ? stored : moodState(gen, from, { userId: e.userId });
    glue.fire(
      {
        eventType: 'on_mood_updated',
        projectId: e.projectId,
        agentId: e.agentId,
        userId: e.userId,
        data: {
          mood: moodState(gen, to, { userId: e.userId, since: new Date(String(previous.created_at)) }),
          previous_mood: previous,
          reason: `${e.eventType}${e.description ? `: ${e.description.slice(0, 200)}` : ''}`,
          trigger_type: 'backend_event',
        },
      },
      'backend_event',
    );
  }

  return {
    state,
    schedules,
    isActive,
    currentMood,
    profileOf,
    onFired,
    runDueSchedules,
    processBackendEvent,
    connect(g: Glue) {
      glue = g;
    },
  };
}
export type AgentStateService = ReturnType<typeof createAgentStateService>;
