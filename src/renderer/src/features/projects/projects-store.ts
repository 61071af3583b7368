import { create } from 'zustand';
import type { AgentDto, ApiKeyDto, ProjectDto } from '../../../../shared/contract/api';
import { call } from '../api-ui/call';

interface ProjectsState {
  projects: ProjectDto[];
  selected: string | null;
  keys: ApiKeyDto[];
  agents: AgentDto[];
  /** The last failure, as caught: shown through `errorText` when rendering, so it follows a language switch. */
  error: unknown;
  load(): Promise<void>;
  select(projectId: string): Promise<void>;
  createProject(name: string): Promise<void>;
  deleteProject(projectId: string): Promise<void>;
  createKey(name: string): Promise<void>;
  revokeKey(keyId: string): Promise<void>;
  createAgent(name: string): Promise<void>;
  deleteAgent(agentId: string): Promise<void>;
}

/** The Projects & keys screen's state. */
export const useProjects = create<ProjectsState>((set, get) => {
  const guard = async (fn: () => Promise<void>) => {
    set({ error: null });
    try {
      await fn();
    } catch (err) {
      set({ error: err });
    }
  };
  const loadDetail = async (projectId: string) => {
    const [{ keys }, { agents }] = await Promise.all([
      call('keys.list', { projectId }),
      call('agents.list', { projectId }),
    ]);
    if (get().selected === projectId) set({ keys, agents });
  };
  return {
    projects: [],
    selected: null,
    keys: [],
    agents: [],
    error: null,
    load: () =>
      guard(async () => {
        const { projects } = await call('projects.list', {});
        const keep = projects.find((p) => p.projectId === get().selected);
        const selected =
          keep?.projectId ?? projects.find((p) => p.isDefault)?.projectId ?? projects[0]?.projectId ?? null;
        set({ projects, selected });
        if (selected) await loadDetail(selected);
      }),
    select: (projectId) =>
      guard(async () => {
        set({ selected: projectId, keys: [], agents: [] });
        await loadDetail(projectId);
      }),
    createProject: (name) =>
      guard(async () => {
        const p = await call('projects.create', { name });
        set({ selected: p.projectId });
        await get().load();
      }),
    deleteProject: (projectId) =>
      guard(async () => {
        await call('projects.delete', { projectId });
        if (get().selected === projectId) set({ selected: null });
        await get().load();
      }),
    createKey: (name) =>
      guard(async () => {
        await call('keys.create', { projectId: get().selected!, name: name || undefined });
        await loadDetail(get().selected!);
      }),
    revokeKey: (keyId) =>
      guard(async () => {
        await call('keys.revoke', { keyId });
        await loadDetail(get().selected!);
      }),
    createAgent: (name) =>
      guard(async () => {
        await call('agents.create', { projectId: get().selected!, name });
        await loadDetail(get().selected!);
      }),
    deleteAgent: (agentId) =>
      guard(async () => {
        await call('agents.delete', { agentId });
        await loadDetail(get().selected!);
      }),
  };
});
