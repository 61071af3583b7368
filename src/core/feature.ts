import type { Handlers } from './rpc/dispatch';

/**
 * One area of the core (mock API, dispatcher, events, tunnel…). It registers its HTTP
 * routes on `ctx.app` when created, contributes contract handlers, and may start
 * background work once the server listens and stop it on close.
 */
export interface Feature {
  name: string;
  handlers?: Partial<Handlers>;
  /** After the server listens (the port is known). */
  start?(): void | Promise<void>;
  /** Before the server and the database close; in reverse order of creation. */
  close?(): void | Promise<void>;
}
