import type { InjectionSettings } from '../../../../shared/delivery-settings';
import { NumberField } from './fields';

/** Latency, drop, duplicate, reorder and forced status: the QA knobs, for one layer. */
export function InjectionEditor(props: {
  idPrefix: string;
  value: InjectionSettings;
  onChange(next: InjectionSettings): void;
}) {
  const v = props.value;
  const put = (k: keyof InjectionSettings, n: number | undefined) => {
    const next: InjectionSettings = { ...v, [k]: n };
    if (n === undefined || n === 0) delete next[k];
    props.onChange(next);
  };
  const pct = (r: number | undefined) => Math.round((r ?? 0) * 100);
  return (
    <div className="ds-injection">
      <NumberField
        id={`${props.idPrefix}-latency`}
        label="Added latency"
        unit="ms"
        min={0}
        max={120_000}
        value={v.latencyMs ?? 0}
        hint="waits before sending"
        onCommit={(n) => put('latencyMs', n)}
      />
      <NumberField
        id={`${props.idPrefix}-drop`}
        label="Drop"
        unit="%"
        min={0}
        max={100}
        value={pct(v.dropRate)}
        hint="not sent; recorded as dropped, then retried"
        onCommit={(n) => put('dropRate', n / 100)}
      />
      <NumberField
        id={`${props.idPrefix}-duplicate`}
        label="Duplicate"
        unit="%"
        min={0}
        max={100}
        value={pct(v.duplicateRate)}
        hint="sent twice, same bytes and signature"
        onCommit={(n) => put('duplicateRate', n / 100)}
      />
      <NumberField
        id={`${props.idPrefix}-reorder`}
        label="Reorder window"
        unit="deliveries"
        min={0}
        max={100}
        value={v.reorderWindow ?? 0}
        hint="held and sent shuffled (0 = off)"
        onCommit={(n) => put('reorderWindow', n)}
      />
      <NumberField
        id={`${props.idPrefix}-force`}
        label="Force status"
        min={0}
        max={599}
        value={v.forceStatus ?? 0}
        hint="answer this instead of sending (0 = off)"
        onCommit={(n) => put('forceStatus', n === 0 ? undefined : n)}
      />
    </div>
  );
}
