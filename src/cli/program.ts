import type { Command } from 'commander';
import { baseProgram } from './base-program';
import { registerServe } from './commands/serve';
import { registerStatus } from './commands/status';
import { registerClock } from './commands/clock';
import { registerListen } from './commands/listen';
import { registerRelay } from './commands/relay';
import { registerAttempts } from './commands/attempts';
import { registerReplay } from './commands/replay';
import { registerExport } from './commands/export';
import { registerVerify } from './commands/verify';
import { registerTrigger } from './commands/trigger';
import { registerScenario } from './commands/scenario';
import { registerWebhooks } from './commands/webhooks';
import { registerEvents } from './commands/events';
import { registerCall } from './commands/call';

/**
 * The whole `webhook-studio` command line (help, unknown commands, tests). Each command
 * lives in `commands/<name>.ts`; `index.ts` loads only the one that runs (`commands/registry.ts`).
 */
export function buildProgram(): Command {
  const program = baseProgram();
  registerServe(program);
  registerStatus(program);
  registerClock(program);
  registerListen(program);
  registerRelay(program);
  registerAttempts(program);
  registerReplay(program);
  registerExport(program);
  registerVerify(program);
  registerTrigger(program);
  registerScenario(program);
  registerWebhooks(program);
  registerEvents(program);
  registerCall(program);
  return program;
}
