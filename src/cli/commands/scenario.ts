import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioProgress } from '../../shared/contract/events';
import { EVENTS_LIMITS } from '../../shared/contract/limits';
import { connectStudio } from '../connect';
import { CliError, EXIT } from '../errors';
import { resolveDataDir } from '../options';

function readScenarioFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read scenario file ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`, EXIT.usage);
  }
  if (Buffer.byteLength(text) > EVENTS_LIMITS.maxScenarioJsonBytes) {
    throw new CliError(`scenario file is larger than ${EVENTS_LIMITS.maxScenarioJsonBytes} bytes`, EXIT.usage);
  }
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    delete raw.format;
    delete raw.version;
    return raw;
  } catch (err) {
    throw new CliError(`scenario file ${path} is not JSON: ${(err as Error).message}`, EXIT.usage);
  }
}

export function progressLine(p: ScenarioProgress): string {
  const s = p.step;
  if (p.state === 'waiting' && s)
    return `[${s.index + 1}/${p.total}] waiting… next: ${s.eventType}${s.note ? ` — ${s.note}` : ''}`;
  if (p.state === 'running' && s) {
    return `[${s.index + 1}/${p.total}] ${s.eventType} ${s.eventId} → ${s.deliveries} deliveries${s.note ? ` — ${s.note}` : ''}`;
  }
  return '';
}

const dataDirOpt = ['--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)'] as const;

export function registerScenario(program: Command): void {
  const scenario = program.command('scenario').description('run, list, import and export event scenarios');

  scenario
    .command('run <name>')
    .description('run a saved or built-in scenario by name, or a scenario file with @file.json')
    .option('--project <id>', 'project id (default: the default project)')
    .option('--agent <id|name>', 'agent id or name')
    .option('--user <id>', 'user id (default: user_demo)')
    .option('--seed <seed>', 'seed of the sample generators')
    .option('--delay-scale <x>', 'multiply every step delay (0 = no waiting)', '1')
    .option('--json', 'print JSON progress lines')
    .option(...dataDirOpt)
    .action(
      async (
        name: string,
        opts: {
          project?: string;
          agent?: string;
          user?: string;
          seed?: string;
          delayScale: string;
          json?: boolean;
          dataDir?: string;
        },
      ) => {
        const delayScale = Number(opts.delayScale);
        if (!Number.isFinite(delayScale) || delayScale < 0 || delayScale > 100) {
          throw new CliError(`--delay-scale must be a number from 0 to 100, got "${opts.delayScale}"`, EXIT.usage);
        }
        const target = name.startsWith('@') ? { scenario: readScenarioFile(name.slice(1)) as never } : { name };
        const conn = await connectStudio(resolveDataDir(opts.dataDir));
        try {
          let runId: string | null = null;
          const early: ScenarioProgress[] = [];
          let finish!: (p: ScenarioProgress) => void;
          const finished = new Promise<ScenarioProgress>((r) => (finish = r));
          const onProgress = (p: ScenarioProgress) => {
            if (p.runId !== runId) return;
            if (opts.json) process.stdout.write(JSON.stringify(p) + '\n');
            else if (p.state === 'running' || p.state === 'waiting') process.stdout.write(progressLine(p) + '\n');
            if (p.state === 'done' || p.state === 'cancelled' || p.state === 'failed') finish(p);
          };
          const off = conn.client.on('scenario.progress', (p) => (runId ? onProgress(p) : early.push(p)));
          const started = await conn.client.call('scenarios.run', {
            ...target,
            ...(opts.project ? { projectId: opts.project } : {}),
            ...(opts.agent ? { agentId: opts.agent } : {}),
            ...(opts.user ? { userId: opts.user } : {}),
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
            delayScale,
          });
          runId = started.runId;
          if (!opts.json)
            process.stdout.write(`running "${started.scenario}" (${started.total} steps), run ${runId}\n`);
          for (const p of early) onProgress(p);
          const final = await finished;
          off();
          if (final.state === 'done') {
            if (!opts.json) {
              const last = final.step;
              if (last) process.stdout.write(progressLine({ ...final, state: 'running' }) + '\n');
              process.stdout.write(`done: ${final.done}/${final.total} steps fired\n`);
            }
            return;
          }
          throw new CliError(
            final.error ?? `scenario ${final.state} after ${final.done}/${final.total} steps`,
            EXIT.failure,
          );
        } finally {
          conn.close();
        }
      },
    );

  scenario
    .command('list')
    .description('list the built-in and saved scenarios')
    .option('--json', 'print JSON')
    .option(...dataDirOpt)
    .action(async (opts: { json?: boolean; dataDir?: string }) => {
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const { scenarios } = await conn.client.call('scenarios.list');
        if (opts.json) {
          process.stdout.write(JSON.stringify(scenarios, null, 2) + '\n');
          return;
        }
        for (const s of scenarios) {
          process.stdout.write(
            `${s.name}\t${s.steps.length} steps\t${s.builtIn ? 'built-in' : 'saved'}\t${s.description}\n`,
          );
        }
      } finally {
        conn.close();
      }
    });

  scenario
    .command('export <name>')
    .description('print a scenario as JSON (or write it with --out)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option(...dataDirOpt)
    .action(async (name: string, opts: { out?: string; dataDir?: string }) => {
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const { json } = await conn.client.call('scenarios.export', { name });
        if (opts.out) writeFileSync(opts.out, json);
        else process.stdout.write(json);
      } finally {
        conn.close();
      }
    });

  scenario
    .command('import <file>')
    .description('save a scenario from a JSON file')
    .option('--overwrite', 'replace a saved scenario of the same name')
    .option(...dataDirOpt)
    .action(async (file: string, opts: { overwrite?: boolean; dataDir?: string }) => {
      const json = JSON.stringify(readScenarioFile(file));
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const s = await conn.client.call('scenarios.import', { json, overwrite: opts.overwrite ?? false });
        process.stdout.write(`saved "${s.name}" (${s.steps.length} steps)\n`);
      } finally {
        conn.close();
      }
    });
}
