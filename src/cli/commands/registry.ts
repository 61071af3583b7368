import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command, loaded on demand: `webhook-studio status` loads only `status.ts` (and what
 * it imports), not the core, fastify or zod. Start-up time is what a CLI call mostly costs
 * (bench/cli-latency.ts). Keep this table in step with `program.ts`.
 */
export const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve')).registerServe,
  status: async () => (await import('./status')).registerStatus,
  clock: async () => (await import('./clock')).registerClock,
  listen: async () => (await import('./listen')).registerListen,
  relay: async () => (await import('./relay')).registerRelay,
  attempts: async () => (await import('./attempts')).registerAttempts,
  replay: async () => (await import('./replay')).registerReplay,
  export: async () => (await import('./export')).registerExport,
  verify: async () => (await import('./verify')).registerVerify,
  trigger: async () => (await import('./trigger')).registerTrigger,
  scenario: async () => (await import('./scenario')).registerScenario,
  webhooks: async () => (await import('./webhooks')).registerWebhooks,
  events: async () => (await import('./events')).registerEvents,
  call: async () => (await import('./call')).registerCall,
};

/** The command an argv names: its first word that is not an option (top-level options take no value). */
export function commandName(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}
