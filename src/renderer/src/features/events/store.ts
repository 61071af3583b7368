import i18next from 'i18next';
import { create } from 'zustand';
import type { ResultOf } from '../../../../shared/contract';
import type {
  BurstProgress,
  CatalogEntryDto,
  FireResultDto,
  PreviewDto,
  ScenarioInfo,
  ScenarioProgress,
  SchemaIssueDto,
} from '../../../../shared/contract/events';
import { EVENTS_LIMITS } from '../../../../shared/contract/limits';
import { useStudio } from '../../store/studio';
import { parseEditor, type JsonProblem } from './parse-editor';

type Targets = ResultOf<'events.targets'>;

/** A confirmation above the area, worded when it renders (`events:notice.*`). */
export type EventsNotice =
  { key: 'templateSaved' } | { key: 'backToSample' } | { key: 'scenarioImported'; name: string };

export interface EventsState {
  catalog: CatalogEntryDto[];
  targets: Targets | null;
  eventType: string;
  projectId: string;
  agentId: string;
  userId: string;
  /** The JSON editor's text: the event's `data`. */
  text: string;
  /** Whether `text` is the saved template. */
  saved: boolean;
  /** Why the editor text is not a JSON object (worded by `jsonErrorText` when shown). */
  parseError: JsonProblem | null;
  issues: SchemaIssueDto[];
  preview: PreviewDto | null;
  lastFire: FireResultDto | null;
  burst: BurstProgress | null;
  /** The first and latest event ids of the burst shown (bursts of up to EVENTS_LIMITS.maxReportedIds). */
  burstEvents: { first: string; last: string } | null;
  scenarios: ScenarioInfo[];
  run: ScenarioProgress | null;
  /** The steps the shown run has fired, with their event ids (what each became is looked up). */
  runSteps: { index: number; eventType: string; eventId: string }[];
  /** The last command's failure, shown through `errorText` (so it follows the language). */
  error: Error | null;
  notice: EventsNotice | null;
}

const initial: EventsState = {
  catalog: [],
  targets: null,
  eventType: 'agent.message',
  projectId: '',
  agentId: '',
  userId: '',
  text: '',
  saved: false,
  parseError: null,
  issues: [],
  preview: null,
  lastFire: null,
  burst: null,
  burstEvents: null,
  scenarios: [],
  run: null,
  runSteps: [],
  error: null,
  notice: null,
};

/** The Events area's own slice. */
export const useEvents = create<EventsState>(() => ({ ...initial }));

export const client = () => {
  const c = useStudio.getState().client;
  if (!c) throw new Error(i18next.t('events:error.notConnected'));
  return c;
};

export async function guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    useEvents.setState({ error: null });
    return await fn();
  } catch (err) {
    useEvents.setState({ error: err instanceof Error ? err : new Error(String(err)) });
    return undefined;
  }
}

const target = () => {
  const s = useEvents.getState();
  return {
    eventType: s.eventType,
    ...(s.projectId ? { projectId: s.projectId } : {}),
    ...(s.agentId ? { agentId: s.agentId } : {}),
    ...(s.userId ? { userId: s.userId } : {}),
  };
};

let validateTimer: ReturnType<typeof setTimeout> | null = null;

export { parseEditor };

export const eventsActions = {
  async load() {
    await guard(async () => {
      const [{ types }, targets, { scenarios }] = await Promise.all([
        client().call('events.catalog'),
        client().call('events.targets', {}),
        client().call('scenarios.list'),
      ]);
      useEvents.setState({
        catalog: types,
        targets,
        scenarios,
        projectId: useEvents.getState().projectId || targets.projectId,
        userId: useEvents.getState().userId || targets.defaultUserId,
      });
      await eventsActions.loadTemplate();
    });
  },

  async selectProject(projectId: string) {
    useEvents.setState({ projectId, agentId: '', preview: null });
    await guard(async () => useEvents.setState({ targets: await client().call('events.targets', { projectId }) }));
  },

  setTarget(patch: Partial<Pick<EventsState, 'agentId' | 'userId'>>) {
    useEvents.setState({ ...patch, preview: null });
  },

  async selectType(eventType: string) {
    useEvents.setState({ eventType, preview: null, lastFire: null, issues: [], parseError: null });
    await eventsActions.loadTemplate();
  },

  async loadTemplate() {
    await guard(async () => {
      const t = await client().call('events.template.get', target());
      useEvents.setState({
        text: JSON.stringify(t.data, null, 2),
        saved: t.saved,
        issues: [],
        parseError: null,
        preview: null,
      });
    });
  },

  async regenerate() {
    await guard(async () => {
      const s = await client().call('events.sample', target());
      eventsActions.edit(JSON.stringify(s.data, null, 2));
    });
  },

  /** Editor change: parse now, validate against the schema shortly after. */
  edit(text: string) {
    const parsed = parseEditor(text);
    useEvents.setState({ text, preview: null, parseError: 'error' in parsed ? parsed.error : null });
    if (validateTimer) clearTimeout(validateTimer);
    if ('error' in parsed) return;
    validateTimer = setTimeout(() => void eventsActions.validate(), 250);
  },

  async validate() {
    const s = useEvents.getState();
    const parsed = parseEditor(s.text);
    if ('error' in parsed) return;
    await guard(async () => {
      const { issues } = await client().call('events.template.validate', { eventType: s.eventType, data: parsed.data });
      if (useEvents.getState().text === s.text) useEvents.setState({ issues });
    });
  },

  async saveTemplate() {
    const s = useEvents.getState();
    const parsed = parseEditor(s.text);
    if ('error' in parsed) return useEvents.setState({ parseError: parsed.error });
    await guard(async () => {
      const r = await client().call('events.template.save', { eventType: s.eventType, data: parsed.data });
      useEvents.setState(
        r.ok ? { issues: [], saved: true, notice: { key: 'templateSaved' } } : { issues: r.issues, notice: null },
      );
    });
  },

  async resetTemplate() {
    await guard(async () => {
      await client().call('events.template.reset', { eventType: useEvents.getState().eventType });
      await eventsActions.loadTemplate();
      useEvents.setState({ notice: { key: 'backToSample' } });
    });
  },

  async previewNow() {
    const parsed = parseEditor(useEvents.getState().text);
    if ('error' in parsed) return useEvents.setState({ parseError: parsed.error });
    await guard(async () => {
      useEvents.setState({ preview: await client().call('events.preview', { ...target(), data: parsed.data }) });
    });
  },

  /** Fires the previewed bytes when there is a preview, otherwise builds from the editor. */
  async fire() {
    const s = useEvents.getState();
    const parsed = parseEditor(s.text);
    if ('error' in parsed) return useEvents.setState({ parseError: parsed.error });
    await guard(async () => {
      const r = s.preview
        ? await client().call('events.fire', {
            eventType: s.eventType,
            projectId: s.preview.projectId,
            body: s.preview.body,
          })
        : await client().call('events.fire', { ...target(), data: parsed.data });
      useEvents.setState({ lastFire: r, preview: null, notice: null });
    });
  },

  async startBurst(count: number, rate: number, vary: boolean) {
    const parsed = parseEditor(useEvents.getState().text);
    if ('error' in parsed) return useEvents.setState({ parseError: parsed.error });
    await guard(async () => {
      useEvents.setState({ burstEvents: null });
      const { burstId, total } = await client().call('events.burst.start', {
        ...target(),
        count,
        // Its event ids let the panel count what became of its deliveries.
        reportIds: count <= EVENTS_LIMITS.maxReportedIds,
        ...(rate > 0 ? { rate } : {}),
        ...(vary ? { fresh: true } : { data: parsed.data }),
      });
      const cur = useEvents.getState().burst;
      if (!cur || cur.burstId !== burstId) {
        useEvents.setState({
          burst: {
            burstId,
            eventType: useEvents.getState().eventType,
            total,
            fired: 0,
            deliveries: 0,
            state: 'running',
            elapsedMs: 0,
          },
        });
      }
    });
  },

  async cancelBurst() {
    const b = useEvents.getState().burst;
    if (b) await guard(() => client().call('events.burst.cancel', { burstId: b.burstId }));
  },

  /** Creates a custom type; resolves with the error (shown through `errorText`), or null on success. */
  async createCustomType(input: {
    type: string;
    description: string;
    schema: Record<string, unknown>;
    sample: Record<string, unknown>;
  }): Promise<Error | null> {
    try {
      await client().call('events.types.create', input);
      const { types } = await client().call('events.catalog');
      useEvents.setState({ catalog: types });
      await eventsActions.selectType(input.type);
      return null;
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  },

  async deleteCustomType(type: string) {
    await guard(async () => {
      await client().call('events.types.delete', { type });
      const { types } = await client().call('events.catalog');
      useEvents.setState({ catalog: types });
      await eventsActions.selectType('agent.message');
    });
  },

  /** Live updates: returns the unsubscribe. */
  subscribe(): () => void {
    const c = useStudio.getState().client;
    if (!c) return () => {};
    const offs = [
      c.on('burst.progress', (p) => {
        const cur = useEvents.getState().burst;
        if (!cur || cur.burstId === p.burstId || cur.state !== 'running') {
          const ids = p.eventIds ?? [];
          const prev = cur?.burstId === p.burstId ? useEvents.getState().burstEvents : null;
          const burstEvents = ids.length ? { first: prev?.first ?? ids[0], last: ids[ids.length - 1] } : prev;
          useEvents.setState({ burst: p, burstEvents });
        }
      }),
      c.on('scenario.progress', (p) => {
        const cur = useEvents.getState().run;
        if (
          !cur ||
          cur.runId === p.runId ||
          cur.state === 'done' ||
          cur.state === 'cancelled' ||
          cur.state === 'failed'
        ) {
          const same = cur?.runId === p.runId;
          const steps = same ? useEvents.getState().runSteps : [];
          const fired = p.step && p.step.eventId && p.state !== 'waiting' ? p.step : null;
          const runSteps =
            fired && !steps.some((x) => x.eventId === fired.eventId)
              ? [...steps, { index: fired.index, eventType: fired.eventType, eventId: fired.eventId! }]
              : steps;
          useEvents.setState({ run: p, runSteps });
        }
      }),
    ];
    return () => offs.forEach((off) => off());
  },
};
