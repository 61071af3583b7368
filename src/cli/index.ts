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

async function main(argv: string[]): Promise<void> {
  try {
    const program = await loadProgram(argv);
    await program.parseAsync(argv);
  } catch (err) {
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
