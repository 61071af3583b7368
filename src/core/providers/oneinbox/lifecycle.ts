import type { Lang } from '../../events/generators/context';
import type { Rng } from '../../events/prng';
import { payloads, recordingUrlOf, FAIL_REASONS, type CallFacts, type OneInboxEventType } from './events';
import { callStory, type TranscriptMessage } from './transcripts';

/** The columns of a call an event moves forward (what `GET /v1/calls/{id}` shows next). */
export interface CallStatePatch {
  status?: CallStatus;
  started_at?: string;
  ended_at?: string;
  duration_seconds?: number;
  outcome?: string;
  ai_summary?: string;
  reason?: string;
  recording_url?: string;
  transcript?: TranscriptMessage[];
}
export type CallStatus = 'ringing' | 'in-progress' | 'completed' | 'failed';

export interface PlannedEvent {
  eventType: OneInboxEventType;
  /** Studio-clock time it happens, ms since the epoch. */
  at: number;
  payload: Record<string, unknown>;
  state: CallStatePatch;
}

export interface CallPlanInput extends CallFacts {
  language: Lang;
  /** Fail with this reason instead of connecting (`no-answer`, `busy`); undefined: drawn. */
  fail?: string | null;
  /** Probability of failing when `fail` is undefined. */
  failRate?: number;
}

/** Timings of a simulated call (ms), stated once. */
export const CALL_TIMING = {
  ringMin: 2_000,
  ringMax: 6_000,
  failAfterMin: 15_000,
  failAfterMax: 30_000,
  durationMinS: 45,
  durationMaxS: 150,
  finalAfter: 2_000,
  analyzedAfter: 5_000,
  recordingAfter: 9_000,
} as const;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every event of one simulated call, in the documented order, with the time it happens
 * on the studio clock: `call.started`, a few `transcript.partial` (the transcript so far,
 * growing), `call.ended`, then `transcript.final` (after `call.ended`, as documented),
 * `call.analyzed` and `call.recording.available`. A failing call has one `call.failed`.
 * Pure: the same input, start and seed give the same plan.
 */
export function planCall(c: CallPlanInput, startMs: number, rng: Rng): PlannedEvent[] {
  const fails = c.fail !== undefined ? c.fail !== null : rng.chance(c.failRate ?? 0);
  if (fails) {
    const reason = c.fail ?? rng.pick(FAIL_REASONS);
    const at = startMs + rng.int(CALL_TIMING.failAfterMin, CALL_TIMING.failAfterMax);
    return [
      {
        eventType: 'call.failed',
        at,
        payload: payloads.failed(c, reason),
        state: { status: 'failed', reason, ended_at: iso(at) },
      },
    ];
  }
  const story = callStory(c.language, rng);
  const startedAt = startMs + rng.int(CALL_TIMING.ringMin, CALL_TIMING.ringMax);
  const durationSeconds = rng.int(CALL_TIMING.durationMinS, CALL_TIMING.durationMaxS);
  const endedAt = startedAt + durationSeconds * 1000;
  const out: PlannedEvent[] = [
    {
      eventType: 'call.started',
      at: startedAt,
      payload: payloads.started(c, iso(startedAt)),
      state: { status: 'in-progress', started_at: iso(startedAt) },
    },
  ];
  // The transcript so far after each exchange (two lines), while the call runs.
  const exchanges: number[] = [];
  for (let n = 2; n < story.messages.length; n += 2) exchanges.push(n);
  exchanges.forEach((n, i) => {
    const at = startedAt + Math.round(((i + 1) * (endedAt - startedAt)) / (exchanges.length + 1));
    const messages = story.messages.slice(0, n);
    out.push({
      eventType: 'transcript.partial',
      at,
      payload: payloads.partial(c, messages),
      state: { transcript: messages },
    });
  });
  const result = { durationSeconds, outcome: story.outcome, aiSummary: story.aiSummary };
  out.push(
    {
      eventType: 'call.ended',
      at: endedAt,
      payload: payloads.ended(c, result),
      state: {
        status: 'completed',
        ended_at: iso(endedAt),
        duration_seconds: durationSeconds,
        outcome: story.outcome,
        ai_summary: story.aiSummary,
        transcript: story.messages,
      },
    },
    {
      eventType: 'transcript.final',
      at: endedAt + CALL_TIMING.finalAfter,
      payload: payloads.final(c, story.messages),
      state: {},
    },
    {
      eventType: 'call.analyzed',
      at: endedAt + CALL_TIMING.analyzedAfter,
      payload: payloads.analyzed(c, result),
      state: { outcome: story.outcome, ai_summary: story.aiSummary },
    },
    {
      eventType: 'call.recording.available',
      at: endedAt + CALL_TIMING.recordingAfter,
      payload: payloads.recording(c, recordingUrlOf(c.call_id)),
      state: { recording_url: recordingUrlOf(c.call_id) },
    },
  );
  return out;
}

/** A sample payload of any type, for `trigger` and `Send test` (a whole call drawn from `rng`). */
export function samplePayload(
  eventType: OneInboxEventType,
  c: CallPlanInput,
  nowMs: number,
  rng: Rng,
): Record<string, unknown> {
  if (eventType === 'call.failed') return planCall({ ...c, fail: c.fail ?? 'no-answer' }, nowMs, rng)[0]!.payload;
  const plan = planCall({ ...c, fail: null }, nowMs, rng);
  const hit = plan.find((e) => e.eventType === eventType) ?? plan[0]!;
  return hit.payload;
}
