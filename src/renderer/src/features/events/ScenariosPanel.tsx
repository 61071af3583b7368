import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { scenarioActions } from './scenario-actions';
import { ScenarioOutcome } from './ScenarioOutcome';
import { useBuiltInText } from './builtin-text';
import { useEvents } from './store';
import { count } from '../../format';

/** Built-in and saved scenarios: run with progress, cancel, export, import, delete. */
export function ScenariosPanel() {
  const { t } = useTranslation(['events', 'common']);
  const { scenarios, run } = useEvents();
  // Built-ins' names, descriptions and step notes in the language shown; a scenario's name itself
  // (its id for the CLI, the API and the export) stays in the tooltip, the export and the file name.
  const { scenarioName, scenarioDescription, stepNote } = useBuiltInText();
  const [exported, setExported] = useState<{ name: string; json: string } | null>(null);
  const [importText, setImportText] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const running = run && (run.state === 'running' || run.state === 'waiting');

  const onFile = async (file: File | undefined) => {
    if (file) setImportText(await file.text());
  };

  return (
    <div className="card ev-scenarios">
      <h2>{t('scenarios.title')}</h2>
      {scenarios.length === 0 ? (
        <p className="muted">{t('scenarios.empty')}</p>
      ) : (
        <ul className="ev-scenario-list">
          {scenarios.map((s) => (
            <li key={s.name}>
              <div>
                <strong>{scenarioName(s.name)}</strong>{' '}
                {scenarioName(s.name) !== s.name && <code className="muted">{s.name}</code>}{' '}
                <span className="muted">
                  · {t('scenarios.steps', { count: s.steps.length, n: count(s.steps.length) })}
                  {s.builtIn && <> · {t('scenarios.builtIn')}</>}
                </span>
                <div className="muted ev-small">{scenarioDescription(s)}</div>
              </div>
              <div className="ev-actions">
                <button
                  type="button"
                  disabled={Boolean(running)}
                  onClick={() => void scenarioActions.runScenario(s.name)}
                  aria-label={t('scenarios.runNamed', { name: scenarioName(s.name) })}
                >
                  {t('scenarios.run')}
                </button>
                <button
                  type="button"
                  onClick={async () => {
                    const json = await scenarioActions.exportScenario(s.name);
                    if (json) setExported({ name: s.name, json });
                  }}
                  aria-label={t('scenarios.exportNamed', { name: scenarioName(s.name) })}
                >
                  {t('scenarios.export')}
                </button>
                {!s.builtIn && (
                  <button
                    type="button"
                    onClick={() => void scenarioActions.deleteScenario(s.name)}
                    aria-label={t('scenarios.deleteNamed', { name: s.name })}
                  >
                    {t('common:action.delete')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {run && (
        <div className="ev-progress-wrap" aria-live="polite">
          <div
            className="ev-progress"
            role="progressbar"
            aria-label={t('scenarios.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={run.total}
            aria-valuenow={run.done}
          >
            <div
              className={`ev-bar ev-bar-${run.state}`}
              style={{ width: `${Math.round((run.done / run.total) * 100)}%` }}
            />
          </div>
          <div className="ev-progress-text">
            {t('scenarios.progress', {
              scenario: scenarioName(run.scenario),
              done: count(run.done),
              total: count(run.total),
              state: t(`scenarios.state.${run.state}`),
            })}
            {run.step && (
              <>
                {' · '}
                {t(run.state === 'waiting' ? 'scenarios.next' : 'scenarios.last', { eventType: run.step.eventType })}
                {run.step.note && <> — {stepNote(run.scenario, run.step.index, run.step.note)}</>}
              </>
            )}
            {run.error && <> — {run.error}</>}
          </div>
          <ScenarioOutcome />
          {running && (
            <button type="button" onClick={() => void scenarioActions.cancelRun()}>
              {t('scenarios.cancelRun')}
            </button>
          )}
        </div>
      )}
      {exported && (
        <div className="ev-export">
          <div className="ev-inline">
            <span>
              <Trans
                t={t}
                i18nKey="scenarios.exportOf"
                values={{ name: scenarioName(exported.name) }}
                components={{ strong: <strong /> }}
              />
            </span>
            <CopyButton text={exported.json} label={t('scenarios.copyJson')} title={t('scenarios.copyJsonTitle')} />
            <a
              href={`data:application/json;charset=utf-8,${encodeURIComponent(exported.json)}`}
              download={`${exported.name.replace(/[^\w.-]+/g, '_')}.scenario.json`}
            >
              {t('scenarios.download')}
            </a>
            <button type="button" onClick={() => setExported(null)}>
              {t('common:action.close')}
            </button>
          </div>
          <pre tabIndex={0} className="ev-raw">
            {exported.json}
          </pre>
        </div>
      )}
      <details className="ev-import">
        <summary>{t('scenarios.importTitle')}</summary>
        <input
          type="file"
          accept="application/json,.json"
          aria-label={t('scenarios.file')}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <textarea
          translate="no"
          aria-label={t('scenarios.json')}
          rows={6}
          value={importText}
          onChange={(e) => setImportText(e.target.value)}
          placeholder={t('scenarios.jsonPlaceholder')}
        />
        <div className="ev-inline">
          <label className="ev-check">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />{' '}
            {t('scenarios.overwrite')}
          </label>
          <button
            type="button"
            disabled={!importText.trim()}
            onClick={() => void scenarioActions.importScenario(importText, overwrite)}
          >
            {t('scenarios.import')}
          </button>
        </div>
      </details>
    </div>
  );
}
