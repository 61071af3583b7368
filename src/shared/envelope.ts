import { z } from 'zod';
import type { ErrorBody } from './errors';
import type { AnyEvent } from './contract';

/** The wire shapes every transport carries, unchanged. */
export const RequestEnvelopeSchema = z.object({
  id: z.union([z.string().min(1).max(64), z.number().int()]),
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;

export type ResponseEnvelope = { id: string | number; result: unknown } | { id: string | number; error: ErrorBody };

export type EventEnvelope = AnyEvent;

export type ServerMessage = ResponseEnvelope | EventEnvelope;

/** Largest envelope a transport accepts, in bytes. */
export const MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;
