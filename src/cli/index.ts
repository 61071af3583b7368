import { CommanderError } from 'commander';
import { StartupError } from '../core/errors';
import { StudioError } from '../shared/errors';
import { CliError, EXIT } from './errors';
import { buildProgram } from './program';

async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    const code = err instanceof CliError ? err.exitCode : EXIT.failure;
    const message =
      err instanceof StartupError || err instanceof CliError || err instanceof StudioError
        ? err.message
        : String((err as Error)?.stack ?? err);
    process.stderr.write(`webhook-studio: ${message}\n`);
    process.exitCode = code;
  }
}

void main(process.argv);
