import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { count } from '../../format';

/** What is wrong with a typed value: kept as a code, worded when shown (so a language switch follows). */
type Problem = 'notANumber' | 'range' | 'notWhole';

/**
 * A number input that commits on blur or Enter (not on every keystroke), checks its
 * bounds and shows what is wrong next to itself.
 */
export function NumberField(props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  unit?: string;
  hint?: string;
  onCommit(value: number): void;
}) {
  const [text, setText] = useState(String(props.value));
  const [prev, setPrev] = useState(props.value);
  const { t } = useTranslation('deliverySettings');
  const [problem, setProblem] = useState<Problem | null>(null);
  if (prev !== props.value) {
    setPrev(props.value);
    setText(String(props.value));
  }
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return setProblem('notANumber');
    if (n < props.min || n > props.max) return setProblem('range');
    if (props.step === undefined && !Number.isInteger(n)) return setProblem('notWhole');
    setProblem(null);
    if (n !== props.value) props.onCommit(n);
  };
  const problemText =
    problem === 'range'
      ? t('field.range', { min: count(props.min), max: count(props.max) })
      : problem === 'notWhole'
        ? t('field.notWhole')
        : problem === 'notANumber'
          ? t('field.notANumber')
          : null;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      setText(String(props.value));
      setProblem(null);
    }
  };
  return (
    <div className="row ds-row">
      <label htmlFor={props.id}>{props.label}</label>
      <span className="ds-field">
        <input
          id={props.id}
          type="number"
          inputMode="decimal"
          min={props.min}
          max={props.max}
          step={props.step ?? 1}
          value={text}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${props.id}-hint`}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={onKey}
        />
        {props.unit && <span className="muted">{props.unit}</span>}
      </span>
      <span id={`${props.id}-hint`} className={problem ? 'ds-problem' : 'muted ds-hint'}>
        {problemText ?? props.hint ?? ''}
      </span>
    </div>
  );
}

export function CheckField(props: {
  id: string;
  label: string;
  checked: boolean;
  hint: string;
  onChange(v: boolean): void;
}) {
  return (
    <div className="row ds-row">
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <span className="muted ds-hint">{props.hint}</span>
    </div>
  );
}
