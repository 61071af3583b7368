import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { lineOfPointer, pointerOffsets } from './json-lines';
import { jsonErrorText } from './parse-editor';
import { eventsActions, useEvents } from './store';

/** Selects a line of the textarea and scrolls it into view. */
function goToLine(area: HTMLTextAreaElement | null, text: string, line: number): void {
  if (!area) return;
  const lines = text.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  const lineHeight = area.scrollHeight / Math.max(1, lines.length);
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/** The `data` JSON editor with its inline JSON and schema errors, and template actions. */
export function EventEditor() {
  const { t } = useTranslation('events');
  const { text, parseError, issues, saved, catalog, eventType } = useEvents();
  const entry = catalog.find((c) => c.type === eventType);
  const area = useRef<HTMLTextAreaElement>(null);
  const offsets = useMemo(() => pointerOffsets(text), [text]);
  const where = entry?.kind === 'envelope' ? t('editor.whereEnvelope') : t('editor.whereBody');
  return (
    <div className="card ev-editor">
      <h2>
        {t('editor.title')}{' '}
        <span className="muted ev-small">
          — {where} · {saved ? t('editor.savedTemplate') : t('editor.generatedSample')}
        </span>
      </h2>
      <textarea
        ref={area}
        aria-label={t('editor.label')}
        aria-invalid={Boolean(parseError) || issues.length > 0}
        aria-describedby="ev-editor-errors"
        spellCheck={false}
        value={text}
        rows={16}
        onChange={(e) => eventsActions.edit(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            void eventsActions.fire();
          }
        }}
      />
      <div id="ev-editor-errors" aria-live="polite">
        {parseError && (
          <div className="error" role="alert">
            {jsonErrorText(parseError)}
          </div>
        )}
        {!parseError && issues.length > 0 && (
          <ul className="ev-issues" role="alert" aria-label={t('editor.schemaErrors')}>
            {issues.map((i) => {
              const line = lineOfPointer(text, i.pointer, offsets);
              return (
                <li key={`${i.pointer}:${i.message}`}>
                  {line !== null && (
                    <button type="button" className="ev-line" onClick={() => goToLine(area.current, text, line)}>
                      {t('editor.line', { line })}
                    </button>
                  )}{' '}
                  <code>{i.path}</code> {i.message}
                </li>
              );
            })}
          </ul>
        )}
        {!parseError && issues.length === 0 && text && (
          <div className="ev-ok">✓ {t('editor.matches', { eventType })}</div>
        )}
      </div>
      <div className="ev-actions">
        <button type="button" onClick={() => void eventsActions.saveTemplate()} disabled={Boolean(parseError)}>
          {t('editor.saveTemplate')}
        </button>
        <button type="button" onClick={() => void eventsActions.regenerate()}>
          {t('editor.newSample')}
        </button>
        {saved && (
          <button type="button" onClick={() => void eventsActions.resetTemplate()}>
            {t('editor.resetSample')}
          </button>
        )}
      </div>
    </div>
  );
}
