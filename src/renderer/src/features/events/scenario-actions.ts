import { client, guard, useEvents } from './store';

/** Scenario commands of the Events area (their progress arrives through `eventsActions.subscribe`). */
export const scenarioActions = {
  async refreshScenarios() {
    await guard(async () => useEvents.setState({ scenarios: (await client().call('scenarios.list')).scenarios }));
  },

  async runScenario(name: string) {
    await guard(async () => {
      const s = useEvents.getState();
      const r = await client().call('scenarios.run', {
        name,
        ...(s.projectId ? { projectId: s.projectId } : {}),
        ...(s.agentId ? { agentId: s.agentId } : {}),
        ...(s.userId ? { userId: s.userId } : {}),
      });
      const cur = useEvents.getState().run;
      if (!cur || cur.runId !== r.runId) {
        useEvents.setState({
          run: { runId: r.runId, scenario: r.scenario, total: r.total, done: 0, state: 'running', step: null },
        });
      }
    });
  },

  async cancelRun() {
    const r = useEvents.getState().run;
    if (r) await guard(() => client().call('scenarios.cancel', { runId: r.runId }));
  },

  async exportScenario(name: string): Promise<string | undefined> {
    return guard(async () => (await client().call('scenarios.export', { name })).json);
  },

  async importScenario(json: string, overwrite = false) {
    await guard(async () => {
      const s = await client().call('scenarios.import', { json, overwrite });
      useEvents.setState({ notice: { key: 'scenarioImported', name: s.name } });
      await scenarioActions.refreshScenarios();
    });
  },

  async deleteScenario(name: string) {
    await guard(async () => {
      await client().call('scenarios.delete', { name });
      await scenarioActions.refreshScenarios();
    });
  },
};
