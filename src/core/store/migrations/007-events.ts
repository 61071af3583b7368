import type { Migration } from '../migrate';

/** The events area: custom event types, saved templates, saved scenarios. */
export const m007Events: Migration = {
  id: 7,
  name: 'custom event types, event templates and scenarios',
  up: `
    CREATE TABLE custom_event_types (
      event_type TEXT PRIMARY KEY,
      description TEXT NOT NULL DEFAULT '',
      schema_json TEXT NOT NULL,
      sample_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE event_templates (
      event_type TEXT PRIMARY KEY,
      data_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE scenarios (
      name TEXT PRIMARY KEY,
      description TEXT NOT NULL DEFAULT '',
      steps_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
