import { CommanderError, type Command } from 'commander';
import { StartupError } from '../core/errors';
import { StudioError } from '../shared/errors';
import { baseProgram } from './base-program';
import { COMMANDS, commandName } from './commands/registry';
import { CliError, EXIT } from './errors';

/** Only the command that runs is loaded; help and unknown commands load them all (for "did you mean"). */
async function loadProgram(argv: string[]): Promise<Command> {
  const name = commandName(argv);
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) return (await import('./program')).buildProgram();
  const program = baseProgram();
  (await load())(program);
  return program;
}

/**
 * A command still waiting when nothing is left to wait on (its studio's socket closed, no
 * timer pending) would let Node exit 0 with the work cut short: say so, and exit non-zero.
 */
function guardUnfinished(): () => void {
  const onBeforeExit = () => {
    if (process.exitCode !== undefined && process.exitCode !== 0) return;
    process.stderr.write(
      'webhook-studio: the studio went away before this command finished (its work may be cut short; check `webhook-studio status`)\n',
    );
    process.exitCode = EXIT.lost;
  };
  process.once('beforeExit', onBeforeExit);
  return () => process.off('beforeExit', onBeforeExit);
}

async function main(argv: string[]): Promise<void> {
  const finished = guardUnfinished();
  try {
    const program = await loadProgram(argv);
    await program.parseAsync(argv);
    finished();
  } catch (err) {
    finished();
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    // Params the studio refused are the caller's to fix: a usage error, as the README says.
    const code =
      err instanceof CliError
        ? err.exitCode
        : err instanceof StudioError && err.code === 'invalid_params'
          ? EXIT.usage
          : err instanceof StudioError && err.code === 'disk_full'
            ? EXIT.diskFull
            : EXIT.failure;
    const message =
      err instanceof StartupError || err instanceof CliError || err instanceof StudioError
        ? err.message
        : String((err as Error)?.stack ?? err);
    process.stderr.write(`webhook-studio: ${message}\n`);
    process.exitCode = code;
  }
}

void main(process.argv);
