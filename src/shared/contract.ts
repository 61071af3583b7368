import { agentStateCommands } from './contract/agent-state';
import { attemptEvents } from './contract/attempts';
import { apiCommands, apiEvents } from './contract/api';
import { dispatchCommands } from './contract/dispatch';
import { notificationsCommands, notificationsEvents } from './contract/notifications';
import { inspectorCommands, inspectorEvents } from './contract/inspector';
import { deliveriesCommands } from './contract/deliveries';
import { eventsCommands, eventsEvents } from './contract/events';
import { studioCommands, studioEvents } from './contract/studio';
import { tunnelCommands, tunnelEvents } from './contract/tunnel';
import { oneInboxCommands, oneInboxEvents } from './contract/oneinbox';

export { StudioStatusSchema, type StudioStatus } from './contract/studio';
export { AttemptSummarySchema, type AttemptSummary } from './contract/attempts';
export { FireResultSchema, type WebhookInjection } from './contract/dispatch';

/**
 * The one contract between the core and every face of the studio (Electron IPC,
 * WebSocket, CLI). A command is a name → params schema → result schema; a live update
 * is an event name → payload schema. Each area declares its part in `contract/<area>.ts`;
 * transports only move the envelopes of `envelope.ts`.
 */
export const commands = {
  ...studioCommands,
  ...apiCommands,
  ...dispatchCommands,
  ...notificationsCommands,
  ...tunnelCommands,
  ...inspectorCommands,
  ...deliveriesCommands,
  ...eventsCommands,
  ...agentStateCommands,
  ...oneInboxCommands,
} as const;

export const events = {
  ...studioEvents,
  ...attemptEvents,
  ...apiEvents,
  ...notificationsEvents,
  ...tunnelEvents,
  ...inspectorEvents,
  ...eventsEvents,
  ...oneInboxEvents,
} as const;

export type Commands = typeof commands;
export type Method = keyof Commands;
export type ParamsOf<M extends Method> = import('zod').input<Commands[M]['params']>;
/** What a handler receives: the params after validation, defaults applied. */
export type ParsedParamsOf<M extends Method> = import('zod').output<Commands[M]['params']>;
export type ResultOf<M extends Method> = import('zod').output<Commands[M]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = import('zod').output<Events[E]>;
export type AnyEvent = { [E in EventName]: { event: E; payload: PayloadOf<E> } }[EventName];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
