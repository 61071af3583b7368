import { useTranslation } from 'react-i18next';
import type { InjectionSettings } from '../../../../shared/delivery-settings';
import { NumberField } from './fields';

/** Latency, drop, duplicate, reorder and forced status: the QA knobs, for one layer. */
export function InjectionEditor(props: {
  idPrefix: string;
  value: InjectionSettings;
  onChange(next: InjectionSettings): void;
}) {
  const { t } = useTranslation('deliverySettings');
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
        label={t('injection.latency')}
        unit={t('unit.ms')}
        min={0}
        max={120_000}
        value={v.latencyMs ?? 0}
        hint={t('injection.latencyHint')}
        onCommit={(n) => put('latencyMs', n)}
      />
      <NumberField
        id={`${props.idPrefix}-drop`}
        label={t('injection.drop')}
        unit="%"
        min={0}
        max={100}
        value={pct(v.dropRate)}
        hint={t('injection.dropHint')}
        onCommit={(n) => put('dropRate', n / 100)}
      />
      <NumberField
        id={`${props.idPrefix}-duplicate`}
        label={t('injection.duplicate')}
        unit="%"
        min={0}
        max={100}
        value={pct(v.duplicateRate)}
        hint={t('injection.duplicateHint')}
        onCommit={(n) => put('duplicateRate', n / 100)}
      />
      <NumberField
        id={`${props.idPrefix}-reorder`}
        label={t('injection.reorder')}
        unit={t('unit.deliveries')}
        min={0}
        max={100}
        value={v.reorderWindow ?? 0}
        hint={t('injection.reorderHint')}
        onCommit={(n) => put('reorderWindow', n)}
      />
      <NumberField
        id={`${props.idPrefix}-force`}
        label={t('injection.force')}
        min={0}
        max={599}
        value={v.forceStatus ?? 0}
        hint={t('injection.forceHint')}
        onCommit={(n) => put('forceStatus', n === 0 ? undefined : n)}
      />
    </div>
  );
}
