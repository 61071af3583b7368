import { StudioError } from '../shared/errors';
import type { StudioClient } from '../shared/rpc-client';
import { CliError, EXIT } from './errors';
import { suggestionText } from './suggest';

/** Every event type the studio knows (the catalog, custom types included). */
export async function knownTypes(client: StudioClient): Promise<string[]> {
  return (await client.call('events.catalog', {})).types.map((t) => t.type);
}

/** A usage error naming the unknown type and the nearest known ones. */
export function unknownType(type: string, known: readonly string[]): CliError {
  return new CliError(
    `unknown event type ${type}${suggestionText(type, known)}; \`webhook-studio events\` lists them`,
    EXIT.usage,
  );
}

/** Refuses types the catalog does not hold, before anything is changed. */
export async function checkTypes(client: StudioClient, types: readonly string[]): Promise<void> {
  const known = await knownTypes(client);
  const set = new Set(known);
  for (const t of types) if (!set.has(t)) throw unknownType(t, known);
}

/** Runs a call that names an event type; "unknown event type" from the studio becomes a usage error with a suggestion. */
export async function withTypeHint<T>(client: StudioClient, type: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StudioError && err.code === 'not_found' && /unknown event type/.test(err.message)) {
      throw unknownType(type, await knownTypes(client).catch(() => []));
    }
    throw err;
  }
}
