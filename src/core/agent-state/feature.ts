import { AGENT_STATE_LIMIT } from '../../shared/contract/agent-state';
import { StudioError } from '../../shared/errors';
import type { StudioContext } from '../context';
import type { Feature } from '../feature';
import type { AgentRow } from '../store/projects-repo';
import { scheduleDto } from './schedules-repo';
import type { AgentStateService } from './service';

/** The UI's view of an agent's state: the same objects the mock API's reads return. */
export function agentStateFeature(ctx: StudioContext, service: AgentStateService): Feature {
  const byId = ctx.db.prepare<[string, string, string], AgentRow>(
    'SELECT * FROM agents WHERE project_id = ? AND (agent_id = ? OR name = ?) ORDER BY created_at LIMIT 1',
  );
  const first = ctx.db.prepare<[string], AgentRow>(
    'SELECT * FROM agents WHERE project_id = ? ORDER BY created_at, agent_id LIMIT 1',
  );
  return {
    name: 'agent-state',
    handlers: {
      'agent.state': ({ projectId, agentId, userId }) => {
        const pid = projectId ?? ctx.status().projectId;
        if (!ctx.projects.project(pid)) throw new StudioError('not_found', `no project ${pid}`);
        const a = agentId ? byId.get(pid, agentId, agentId) : first.get(pid);
        if (!a) throw new StudioError('not_found', `no agent ${agentId ?? ''} in project ${pid}`.trim());
        const scheduleRows = userId
          ? service.schedules.list(a.agent_id, userId)
          : service.schedules.forAgent(a.agent_id);
        return {
          projectId: pid,
          agentId: a.agent_id,
          agentName: a.name,
          isActive: a.is_active !== 0,
          userId: userId ?? null,
          mood: service.currentMood(a, userId),
          moodHistory: service.state.moodHistory(a.agent_id, { userId, limit: AGENT_STATE_LIMIT }) as unknown as Record<
            string,
            unknown
          >[],
          diary: service.state.diary(a.agent_id, { userId, limit: AGENT_STATE_LIMIT }),
          breakthroughs: service.state.breakthroughs(a.agent_id, { userId, limit: AGENT_STATE_LIMIT }),
          schedules: scheduleRows.slice(0, 200).map((r) => ({ userId: r.user_id, schedule: scheduleDto(r) })),
        };
      },
    },
  };
}
