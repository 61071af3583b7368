import { StudioError } from '../../shared/errors';
import type { Clock } from '../deps';
import type { Db } from '../store/open';
import type { Catalog } from './catalog';
import { upgradeLegacyData } from './legacy-shapes';
import { validateAgainst, type SchemaIssue } from './validate';

/** Largest saved template, in bytes of JSON. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

export interface SavedTemplate {
  eventType: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

export type SaveResult = { ok: true; template: SavedTemplate } | { ok: false; issues: SchemaIssue[] };

/**
 * A user's edited sample per event type (the `data` part). Saving validates against the
 * type's schema and refuses an invalid template, returning every issue with its path.
 */
export function createTemplatesRepo(db: Db, catalog: Catalog, clock: Clock) {
  const q = {
    one: db.prepare<[string], { event_type: string; data_json: string; updated_at: string }>(
      'SELECT * FROM event_templates WHERE event_type = ?',
    ),
    upsert: db.prepare(
      `INSERT INTO event_templates (event_type, data_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(event_type) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare('DELETE FROM event_templates WHERE event_type = ?'),
  };

  /** The saved template; one written for the first sample shapes is upgraded (legacy-shapes.ts) and stored so. */
  function get(eventType: string): SavedTemplate | null {
    const row = q.one.get(eventType);
    if (!row) return null;
    const stored = JSON.parse(row.data_json) as Record<string, unknown>;
    const up = upgradeLegacyData(eventType, stored, true, new Date(row.updated_at));
    if (up.changes.length) {
      q.upsert.run(eventType, JSON.stringify(up.data), row.updated_at);
    }
    return { eventType, data: up.data, updatedAt: row.updated_at };
  }

  function validate(eventType: string, data: unknown): SchemaIssue[] {
    const entry = catalog.get(eventType);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return [{ path: '$', pointer: '', message: 'must be a JSON object' }];
    }
    return validateAgainst(entry.dataSchema, data);
  }

  function save(eventType: string, data: Record<string, unknown>): SaveResult {
    const json = JSON.stringify(data);
    if (Buffer.byteLength(json) > MAX_TEMPLATE_BYTES) {
      throw new StudioError('invalid_params', `a template must be under ${MAX_TEMPLATE_BYTES} bytes`);
    }
    const issues = validate(eventType, data);
    if (issues.length) return { ok: false, issues };
    const now = clock.now().toISOString();
    q.upsert.run(eventType, json, now);
    return { ok: true, template: { eventType, data, updatedAt: now } };
  }

  /** Back to generated samples. */
  function reset(eventType: string): boolean {
    return q.remove.run(eventType).changes > 0;
  }

  return { get, validate, save, reset };
}
export type TemplatesRepo = ReturnType<typeof createTemplatesRepo>;
