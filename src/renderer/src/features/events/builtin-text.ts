import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CatalogEntryDto, ScenarioInfo } from '../../../../shared/contract/events';
import type en from '../../i18n/en/events';

/**
 * The words of the core's built-in event types and scenarios, in the language shown. The core
 * sends them in English (its CLI and API stay English); the `events:builtin.*` catalog words them.
 * A text is translated only while it is exactly the English the catalog holds for its key, so a
 * user's custom type or saved scenario, or a built-in whose core text changed, shows the core's own text.
 */
type Builtin = (typeof en)['builtin'];
type DescriptionId = keyof Builtin['description'];
type ScenarioId = keyof Builtin['scenario'];
type StepKey = {
  [S in ScenarioId]: `builtin.scenario.${S}.steps.${keyof Builtin['scenario'][S]['steps'] & number}`;
}[ScenarioId];

/** An event type's key id: `agent.mood_change` → `agent_mood_change` (i18next splits keys on dots). */
export const typeId = (type: string) => type.replace(/\W/g, '_');
/** A scenario's key id: its name with each run of non-word characters as `_`. */
export const scenarioId = (name: string) => name.replace(/\W+/g, '_');

/** Whether the English catalog holds exactly the core's text at this key. */
const knownEnglish = (key: string, coreText: string) => i18next.getResource('en', 'events', key) === coreText;
/** A built-in scenario's name (the core reserves them: a saved scenario cannot take one). */
const isBuiltInScenario = (name: string) => knownEnglish(`builtin.scenario.${scenarioId(name)}.name`, name);

export function useBuiltInText() {
  const { t } = useTranslation('events');

  /** The scenario's name as shown (a built-in's is worded; the name itself stays its id everywhere else). */
  const scenarioName = (name: string): string => {
    if (!isBuiltInScenario(name)) return name;
    return t(`builtin.scenario.${scenarioId(name) as ScenarioId}.name`, { defaultValue: name });
  };

  return {
    /** A catalog entry's description: a built-in's in the language shown, a custom type's as written. */
    typeDescription(entry: Pick<CatalogEntryDto, 'type' | 'family' | 'description'>): string {
      if (entry.family === 'custom') return entry.description;
      const key = `builtin.description.${typeId(entry.type) as DescriptionId}` as const;
      return knownEnglish(key, entry.description) ? t(key, { defaultValue: entry.description }) : entry.description;
    },

    scenarioName,

    /** A scenario's description: a built-in's in the language shown, a saved one's as written. */
    scenarioDescription(s: Pick<ScenarioInfo, 'name' | 'description' | 'builtIn'>): string {
      if (!s.builtIn || !isBuiltInScenario(s.name)) return s.description;
      const key = `builtin.scenario.${scenarioId(s.name) as ScenarioId}.description` as const;
      return knownEnglish(key, s.description) ? t(key, { defaultValue: s.description }) : s.description;
    },

    /** The note of step `index` of the scenario named `name` (a run's progress names its scenario). */
    stepNote(name: string, index: number, note: string): string {
      if (!isBuiltInScenario(name)) return note;
      const key = `builtin.scenario.${scenarioId(name)}.steps.${index}` as StepKey;
      return knownEnglish(key, note) ? t(key, { defaultValue: note }) : note;
    },
  };
}
