import { z } from 'zod';
import { ScenarioSchema, type Scenario, type ScenarioInfo } from '../../shared/contract/events';
import { StudioError } from '../../shared/errors';
import type { Clock } from '../deps';
import type { Db } from '../store/open';
import { upgradeLegacyData } from './legacy-shapes';
import { BUILT_IN_SCENARIOS, isBuiltInScenario } from './scenarios';

export const SCENARIO_FORMAT = 'sonzai-webhook-studio/scenario';
export const SCENARIO_FORMAT_VERSION = 1;
export const MAX_SAVED_SCENARIOS = 1000;

interface Row {
  name: string;
  description: string;
  steps_json: string;
  updated_at: string;
}

const ExportFileSchema = z
  .object({ format: z.literal(SCENARIO_FORMAT).optional(), version: z.literal(SCENARIO_FORMAT_VERSION).optional() })
  .passthrough();

function issuesText(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** Parses a scenario file (our export, or a bare `{name, description, steps}`). */
export function parseScenarioJson(json: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new StudioError('invalid_params', `the scenario file is not JSON: ${(err as Error).message}`);
  }
  const head = ExportFileSchema.safeParse(raw);
  if (!head.success) throw new StudioError('invalid_params', `not a scenario file: ${issuesText(head.error)}`);
  const rest = { ...(raw as Record<string, unknown>) };
  delete rest.format;
  delete rest.version;
  const parsed = ScenarioSchema.safeParse(rest);
  if (!parsed.success) throw new StudioError('invalid_params', `invalid scenario: ${issuesText(parsed.error)}`);
  return { ...parsed.data, steps: upgradeSteps(parsed.data.steps) };
}

/** Step data written for the first sample shapes, renamed to the SDK shapes (legacy-shapes.ts). */
export function upgradeSteps(steps: Scenario['steps']): Scenario['steps'] {
  return steps.map((step) => {
    if (!step.data) return step;
    const up = upgradeLegacyData(step.eventType, step.data, false, new Date(0));
    return up.changes.length ? { ...step, data: up.data } : step;
  });
}

export function scenarioToJson(s: Scenario): string {
  return (
    JSON.stringify(
      {
        format: SCENARIO_FORMAT,
        version: SCENARIO_FORMAT_VERSION,
        name: s.name,
        description: s.description,
        steps: s.steps,
      },
      null,
      2,
    ) + '\n'
  );
}

/** Saved scenarios (SQLite) plus the built-ins (code, read-only). */
export function createScenariosRepo(db: Db, clock: Clock) {
  const q = {
    all: db.prepare<[], Row>('SELECT * FROM scenarios ORDER BY name'),
    one: db.prepare<[string], Row>('SELECT * FROM scenarios WHERE name = ?'),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM scenarios'),
    upsert: db.prepare(
      `INSERT INTO scenarios (name, description, steps_json, created_at, updated_at) VALUES (@name, @description, @steps, @now, @now)
       ON CONFLICT(name) DO UPDATE SET description = excluded.description, steps_json = excluded.steps_json, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare('DELETE FROM scenarios WHERE name = ?'),
  };

  const fromRow = (r: Row): ScenarioInfo => ({
    name: r.name,
    description: r.description,
    steps: upgradeSteps(JSON.parse(r.steps_json) as Scenario['steps']),
    builtIn: false,
    updatedAt: r.updated_at,
  });
  const builtIn = (s: Scenario): ScenarioInfo => ({ ...s, builtIn: true, updatedAt: null });

  function list(): ScenarioInfo[] {
    return [...BUILT_IN_SCENARIOS.map(builtIn), ...q.all.all().map(fromRow)];
  }

  function find(name: string): ScenarioInfo | undefined {
    const b = BUILT_IN_SCENARIOS.find((s) => s.name === name);
    if (b) return builtIn(b);
    const row = q.one.get(name);
    return row ? fromRow(row) : undefined;
  }

  function get(name: string): ScenarioInfo {
    const s = find(name);
    if (!s) throw new StudioError('not_found', `no scenario named "${name}"`);
    return s;
  }

  function save(input: z.input<typeof ScenarioSchema>, overwrite = false): ScenarioInfo {
    const s = ScenarioSchema.parse(input);
    if (isBuiltInScenario(s.name)) {
      throw new StudioError('conflict', `"${s.name}" is a built-in scenario; save it under another name`);
    }
    const exists = q.one.get(s.name);
    if (exists && !overwrite) throw new StudioError('conflict', `a scenario named "${s.name}" exists; overwrite it?`);
    if (!exists && q.count.get()!.n >= MAX_SAVED_SCENARIOS) {
      throw new StudioError('conflict', `at most ${MAX_SAVED_SCENARIOS} saved scenarios`);
    }
    q.upsert.run({
      name: s.name,
      description: s.description,
      steps: JSON.stringify(upgradeSteps(s.steps)),
      now: clock.now().toISOString(),
    });
    return get(s.name);
  }

  function remove(name: string): void {
    if (isBuiltInScenario(name))
      throw new StudioError('conflict', `"${name}" is a built-in scenario and cannot be deleted`);
    if (q.remove.run(name).changes === 0) throw new StudioError('not_found', `no scenario named "${name}"`);
  }

  return {
    list,
    find,
    get,
    save,
    remove,
    importJson: (json: string, overwrite = false) => save(parseScenarioJson(json), overwrite),
    exportJson: (name: string) => scenarioToJson(get(name)),
  };
}
export type ScenariosRepo = ReturnType<typeof createScenariosRepo>;
