import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { scenarioActions } from './scenario-actions';
import { ScenarioOutcome } from './ScenarioOutcome';
import { useEvents } from './store';

/** Built-in and saved scenarios: run with progress, cancel, export, import, delete. */
export function ScenariosPanel() {
  const { scenarios, run } = useEvents();
  const [exported, setExported] = useState<{ name: string; json: string } | null>(null);
  const [importText, setImportText] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const running = run && (run.state === 'running' || run.state === 'waiting');

  const onFile = async (file: File | undefined) => {
    if (file) setImportText(await file.text());
  };

  return (
    <div className="card ev-scenarios">
      <h2>Scenarios</h2>
      {scenarios.length === 0 ? (
        <p className="muted">No scenarios yet.</p>
      ) : (
        <ul className="ev-scenario-list">
          {scenarios.map((s) => (
            <li key={s.name}>
              <div>
                <strong>{s.name}</strong>{' '}
                <span className="muted">
                  · {s.steps.length} steps{s.builtIn ? ' · built-in' : ''}
                </span>
                <div className="muted ev-small">{s.description}</div>
              </div>
              <div className="ev-actions">
                <button
                  type="button"
                  disabled={Boolean(running)}
                  onClick={() => void scenarioActions.runScenario(s.name)}
                  aria-label={`Run ${s.name}`}
                >
                  Run
                </button>
                <button
                  type="button"
                  onClick={async () => {
                    const json = await scenarioActions.exportScenario(s.name);
                    if (json) setExported({ name: s.name, json });
                  }}
                  aria-label={`Export ${s.name}`}
                >
                  Export
                </button>
                {!s.builtIn && (
                  <button
                    type="button"
                    onClick={() => void scenarioActions.deleteScenario(s.name)}
                    aria-label={`Delete ${s.name}`}
                  >
                    Delete
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
            aria-label="Scenario progress"
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
            {run.scenario}: {run.done}/{run.total} · {run.state}
            {run.step
              ? ` · ${run.state === 'waiting' ? 'next' : 'last'}: ${run.step.eventType}${run.step.note ? ` — ${run.step.note}` : ''}`
              : ''}
            {run.error ? ` — ${run.error}` : ''}
          </div>
          <ScenarioOutcome />
          {running && (
            <button type="button" onClick={() => void scenarioActions.cancelRun()}>
              Cancel run
            </button>
          )}
        </div>
      )}
      {exported && (
        <div className="ev-export">
          <div className="ev-inline">
            <span>
              Export of <strong>{exported.name}</strong>
            </span>
            <CopyButton text={exported.json} label="Copy JSON" title="Copy the scenario JSON" />
            <a
              href={`data:application/json;charset=utf-8,${encodeURIComponent(exported.json)}`}
              download={`${exported.name.replace(/[^\w.-]+/g, '_')}.scenario.json`}
            >
              Download
            </a>
            <button type="button" onClick={() => setExported(null)}>
              Close
            </button>
          </div>
          <pre tabIndex={0} className="ev-raw">
            {exported.json}
          </pre>
        </div>
      )}
      <details className="ev-import">
        <summary>Import a scenario</summary>
        <input
          type="file"
          accept="application/json,.json"
          aria-label="Scenario file"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <textarea
          aria-label="Scenario JSON"
          rows={6}
          value={importText}
          onChange={(e) => setImportText(e.target.value)}
          placeholder='{"name": "…", "steps": [{"eventType": "agent.message", "delayMs": 0}]}'
        />
        <div className="ev-inline">
          <label className="ev-check">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> overwrite a
            saved scenario of the same name
          </label>
          <button
            type="button"
            disabled={!importText.trim()}
            onClick={() => void scenarioActions.importScenario(importText, overwrite)}
          >
            Import
          </button>
        </div>
      </details>
    </div>
  );
}
