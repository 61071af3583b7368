import { useState, type KeyboardEvent } from 'react';

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
  const [problem, setProblem] = useState<string | null>(null);
  if (prev !== props.value) {
    setPrev(props.value);
    setText(String(props.value));
  }
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return setProblem('enter a number');
    if (n < props.min || n > props.max) return setProblem(`between ${props.min} and ${props.max}`);
    if (props.step === undefined && !Number.isInteger(n)) return setProblem('a whole number');
    setProblem(null);
    if (n !== props.value) props.onCommit(n);
  };
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
        {problem ?? props.hint ?? ''}
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
