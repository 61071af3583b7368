import type { TranscriptMessage } from './transcripts';
import { ONEINBOX_EVENT_TYPES, type OneInboxEventType } from '../../../shared/contract/oneinbox';

/** The seven event types OneInbox documents, in the order of its table (one list, in the contract). */
export { ONEINBOX_EVENT_TYPES, type OneInboxEventType };

export function isOneInboxEventType(v: unknown): v is OneInboxEventType {
  return typeof v === 'string' && (ONEINBOX_EVENT_TYPES as readonly string[]).includes(v);
}

/** What the payloads are built from: one call, as stored. */
export interface CallFacts {
  call_id: string;
  agent_id: string;
  to_number: string;
  from_number: string;
}

/**
 * The documented payloads, field for field (names, types and order as the docs' examples).
 * Nothing the docs do not show is added: no event id, no envelope, no signature.
 */
export const payloads = {
  started: (c: CallFacts, createdAt: string) => ({
    event: 'call.started' as const,
    call_id: c.call_id,
    agent_id: c.agent_id,
    to_number: c.to_number,
    from_number: c.from_number,
    created_at: createdAt,
  }),
  ended: (c: CallFacts, r: { durationSeconds: number; outcome: string; aiSummary: string }) => ({
    event: 'call.ended' as const,
    call_id: c.call_id,
    agent_id: c.agent_id,
    status: 'completed' as const,
    duration_seconds: r.durationSeconds,
    to_number: c.to_number,
    from_number: c.from_number,
    outcome: r.outcome,
    ai_summary: r.aiSummary,
    analysis: { summary: r.aiSummary },
  }),
  analyzed: (c: CallFacts, r: { outcome: string; aiSummary: string }) => ({
    event: 'call.analyzed' as const,
    call_id: c.call_id,
    agent_id: c.agent_id,
    outcome: r.outcome,
    ai_summary: r.aiSummary,
  }),
  failed: (c: CallFacts, reason: string) => ({
    event: 'call.failed' as const,
    call_id: c.call_id,
    agent_id: c.agent_id,
    to_number: c.to_number,
    from_number: c.from_number,
    reason,
  }),
  recording: (c: CallFacts, recordingUrl: string) => ({
    event: 'call.recording.available' as const,
    call_id: c.call_id,
    recording_url: recordingUrl,
  }),
  partial: (c: CallFacts, messages: TranscriptMessage[]) => ({
    event: 'transcript.partial' as const,
    call_id: c.call_id,
    messages,
  }),
  final: (c: CallFacts, messages: TranscriptMessage[]) => ({
    event: 'transcript.final' as const,
    call_id: c.call_id,
    messages,
  }),
};

/** Where the mock says a recording is (the docs' host, as in their example). */
export function recordingUrlOf(callId: string): string {
  return `https://storage.oneinbox.ai/recordings/${callId}.mp3`;
}

/** Reasons a simulated call fails with: the docs show `no-answer`; `busy` is the studio's. */
export const FAIL_REASONS = ['no-answer', 'busy'] as const;
