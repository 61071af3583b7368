/**
 * Bounds of the contract as plain constants, with no schema library behind them: the CLI
 * reads them at start-up and must not pay for loading zod (see bench/cli-latency.ts).
 */

/** Bounds stated once, enforced by the params. */
export const EVENTS_LIMITS = {
  maxBurstCount: 100_000,
  maxBurstRate: 10_000,
  maxScenarioSteps: 500,
  maxStepDelayMs: 24 * 3_600_000,
  maxSetOps: 100,
  maxScenarioJsonBytes: 1024 * 1024,
  maxReportedIds: 10_000,
} as const;

/** Limits of the inspector, stated once (docs and UI read them from here). */
export const INSPECTOR_LIMITS = {
  pageSizeMax: 500,
  pageSizeDefault: 100,
  textMinChars: 3,
  textMaxChars: 200,
  exportMax: 5000,
  bulkReplayMax: 10_000,
  replayBodyMaxBytes: 1024 * 1024,
  diagnoseBodyMaxBytes: 1024 * 1024,
} as const;
