import { create } from 'zustand';
import type { ResultOf } from '../../../../shared/contract';
import { useStudio } from '../../store/studio';
import { errorText } from '../api-ui/call';
import { useNotifications } from './store';

type AgentState = ResultOf<'agent.state'>;

interface AgentStateStore {
  state: AgentState | null;
  error: string | null;
  /** Fetches `agent.state` for the Notifications area's project, agent and user. */
  load(): Promise<void>;
}

/** The agent state panel's data: the objects the mock API's reads return. */
export const useAgentState = create<AgentStateStore>((set) => ({
  state: null,
  error: null,
  async load() {
    const client = useStudio.getState().client;
    if (!client) return;
    const { projectId, agentId, userId } = useNotifications.getState();
    try {
      const state = await client.call('agent.state', {
        ...(projectId ? { projectId } : {}),
        ...(agentId ? { agentId } : {}),
        ...(userId ? { userId } : {}),
      });
      set({ state, error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
}));
