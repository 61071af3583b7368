import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../shared/settings';
import type { Db } from './open';

/** Settings are stored key by key; unknown or invalid stored values fall back to defaults. */
export function createSettingsRepo(db: Db) {
  const all = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings');
  const put = db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  );

  function get(): Settings {
    const raw: Record<string, unknown> = {};
    for (const row of all.all()) {
      try {
        raw[row.key] = JSON.parse(row.value_json);
      } catch {
        /* a corrupt value is ignored: the default applies */
      }
    }
    const parsed = SettingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // Keep the valid keys, default the rest.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [k, v] of Object.entries(raw)) {
      const one = SettingsSchema.partial().safeParse({ [k]: v });
      if (one.success) Object.assign(merged, one.data);
    }
    return SettingsSchema.parse(merged);
  }

  const setTx = db.transaction((patch: Partial<Settings>): Settings => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(k, JSON.stringify(v));
    return get();
  });

  const set = (patch: Partial<Settings>): Settings => setTx(patch);
  return { get, set };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
