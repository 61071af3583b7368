import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem';
import { createRng } from '../events/prng';
import { moodState } from '../events/generators/sdk-entities';
import type { MoodDims } from '../events/generators/shared';
import type { AgentRow } from '../store/projects-repo';
import { DIARY_MAX, MOOD_HISTORY_MAX } from '../agent-state/state-repo';
import { resolveAgent } from './agents';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

type Obj = Record<string, unknown>;

/** The `user_id` query parameter (bounded), or undefined. */
function userOf(req: FastifyRequest): string | undefined {
  const u = (req.query as { user_id?: unknown }).user_id;
  if (typeof u !== 'string' || !u) return undefined;
  checkLength(u, 'query.user_id', 200);
  return u;
}

/**
 * The mood, diary and breakthrough reads (and the mood override): they return the state
 * the studio's own events recorded (agent-state/apply-event.ts), so a webhook's sample
 * and the read that follows it agree.
 */
export function agentStateRoutes(deps: ApiDeps): OperationHandlers {
  const { state } = deps.agentState;

  const currentMood = (a: AgentRow, userId: string | undefined): Obj => deps.agentState.currentMood(a, userId);

  return {
    getMood(req) {
      const a = resolveAgent(deps, req);
      return withSchema(deps, 'MoodResponse', { mood: currentMood(a, userOf(req)) });
    },
    updateMood(req) {
      const a = resolveAgent(deps, req);
      const userId = userOf(req);
      const b = req.body as MoodDims;
      const now = deps.clock.now();
      const before = currentMood(a, userId);
      const profile = deps.agentProfile(a);
      const ctx = {
        rng: createRng(`override:${a.agent_id}`),
        now,
        projectId: a.project_id,
        agent: profile,
        userId: userId ?? '',
      };
      const dims = { valence: b.valence, arousal: b.arousal, tension: b.tension, affiliation: b.affiliation };
      const next: Obj = {
        ...moodState(ctx, dims, { ...(userId ? { userId } : {}), since: new Date(String(before.created_at)) }),
      };
      // An override keeps the baselines it had.
      for (const k of Object.keys(next))
        if (k.includes('baseline_') && typeof before[k] === 'number') next[k] = before[k];
      state.recordMood(a.agent_id, next, { type: 'override', reason: 'updateMood' }, now.toISOString());
      deps.stateChanged(a.project_id);
      return withSchema(deps, 'MoodResponse', { mood: next });
    },
    getMoodHistory(req) {
      const a = resolveAgent(deps, req);
      const q = req.query as { limit?: number };
      const limit = q.limit ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MOOD_HISTORY_MAX) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'query.limit', message: `expected 1 to ${MOOD_HISTORY_MAX}`, value: limit },
        ]);
      }
      return withSchema(deps, 'MoodHistoryResponse', {
        entries: state.moodHistory(a.agent_id, { userId: userOf(req), limit }),
      });
    },
    getDiary(req) {
      const a = resolveAgent(deps, req);
      const q = req.query as { date?: string; limit?: string };
      const userId = userOf(req);
      if (q.date !== undefined) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(q.date)) {
          throw new HttpProblem(422, 'validation failed', [
            { location: 'query.date', message: 'expected a date YYYY-MM-DD', value: q.date.slice(0, 50) },
          ]);
        }
        const [entry] = state.diary(a.agent_id, { userId, date: q.date, limit: 1 });
        if (!entry) throw new HttpProblem(404, `no diary entry on ${q.date}`);
        return withSchema(deps, 'DiaryPolymorphicResponse', { entry });
      }
      let limit = 30;
      if (q.limit !== undefined) {
        limit = /^\d{1,4}$/.test(q.limit) ? Number(q.limit) : NaN;
        if (!(limit >= 1 && limit <= DIARY_MAX)) {
          throw new HttpProblem(422, 'validation failed', [
            {
              location: 'query.limit',
              message: `expected an integer from 1 to ${DIARY_MAX}`,
              value: q.limit.slice(0, 50),
            },
          ]);
        }
      }
      return withSchema(deps, 'DiaryPolymorphicResponse', { entries: state.diary(a.agent_id, { userId, limit }) });
    },
    listBreakthroughs(req) {
      const a = resolveAgent(deps, req);
      return withSchema(deps, 'BreakthroughsResponse', {
        breakthroughs: state.breakthroughs(a.agent_id, { userId: userOf(req), limit: 500 }),
      });
    },
  };
}
