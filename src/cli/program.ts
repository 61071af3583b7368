import { Command } from 'commander';
import { VERSION } from '../shared/version';
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
import { registerCall } from './commands/call';

/** The `webhook-studio` command line. Each command lives in `commands/<name>.ts`. */
export function buildProgram(): Command {
  const program = new Command('webhook-studio')
    .description('Sonzai Webhook Studio: mock the Sonzai API, deliver signed webhooks, inspect and replay them')
    .version(VERSION)
    .showHelpAfterError('(run webhook-studio --help for usage)');
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
  registerCall(program);
  return program;
}
