import { Command } from 'commander';
import { VERSION } from '../shared/version';

/**
 * The `webhook-studio` command with no subcommands yet. Errors go back to the caller
 * (`exitOverride`), set before any subcommand is added so that every subcommand inherits it:
 * a usage error in a subcommand exits 2 like one at the top.
 */
export function baseProgram(): Command {
  return new Command('webhook-studio')
    .description('Sonzai Webhook Studio: mock the Sonzai API, deliver signed webhooks, inspect and replay them')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run webhook-studio --help for usage)');
}
