import { z } from 'zod';

/**
 * The wire between the relay (`src/relay`) and the studio's relay client, JSON text
 * frames. Every relayed request carries an id; the studio acks it once it is stored
 * (the relay then forgets it) and answers it with the local response.
 */
export const RELAY_CONNECT_PATH = '/_relay/connect';
export const CHANNEL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const Pairs = z.array(z.tuple([z.string(), z.string()]));

export const RelayRequestSchema = z.object({
  type: z.literal('request'),
  id: z.string(),
  method: z.string(),
  /** Path after `/c/<channel>`, with its query, e.g. `/hooks?x=1` (or `/`). */
  path: z.string(),
  headers: Pairs,
  bodyBase64: z.string(),
  remote: z.string(),
  receivedAt: z.string(),
  /** True when the request waited in the backlog (its sender was answered 202). */
  queued: z.boolean(),
});
export type RelayRequest = z.infer<typeof RelayRequestSchema>;

export const RelayToClientSchema = z.discriminatedUnion('type', [
  RelayRequestSchema,
  z.object({ type: z.literal('hello'), channel: z.string(), backlog: z.number().int() }),
  z.object({ type: z.literal('pong'), id: z.string(), backlog: z.number().int() }),
]);
export type RelayToClient = z.infer<typeof RelayToClientSchema>;

export const ClientToRelaySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ack'), id: z.string() }),
  z.object({
    type: z.literal('response'),
    id: z.string(),
    status: z.number().int().min(100).max(599),
    headers: Pairs,
    bodyBase64: z.string(),
  }),
  z.object({ type: z.literal('ping'), id: z.string() }),
]);
export type ClientToRelay = z.infer<typeof ClientToRelaySchema>;

/** WebSocket close codes the relay uses. */
export const RELAY_CLOSE = { replaced: 4000, shutdown: 1001 } as const;
