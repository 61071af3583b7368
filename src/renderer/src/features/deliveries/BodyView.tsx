import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { count } from '../../format';

/** A body with Pretty / Raw views (raw = the exact bytes as text, or base64 when not UTF-8). */
export function BodyView({
  raw,
  pretty,
  base64,
  isUtf8 = true,
  which,
}: {
  raw: string | null;
  pretty: string | null;
  base64?: string;
  isUtf8?: boolean;
  /** Whose body: names it in the bar, the empty state and the copy button. */
  which: 'request' | 'response';
}) {
  const { t } = useTranslation('deliveryDetail');
  const [mode, setMode] = useState<'pretty' | 'raw'>(pretty ? 'pretty' : 'raw');
  if (raw === null || raw === '') return <p className="muted">{t(`body.empty.${which}`)}</p>;
  const shown = mode === 'pretty' && pretty ? pretty : isUtf8 ? raw : (base64 ?? raw);
  const bytes = new TextEncoder().encode(raw).length;
  return (
    <div className="dl-body">
      <div className="dl-body-bar">
        <span className="muted">
          {t(`body.label.${which}`)} · {t('body.bytes', { count: bytes, n: count(bytes) })}
          {!isUtf8 && <> · {t('body.notUtf8')}</>}
        </span>
        <span className="seg" role="group" aria-label={t(`body.view.${which}`)}>
          <button type="button" aria-pressed={mode === 'pretty'} disabled={!pretty} onClick={() => setMode('pretty')}>
            {t('body.pretty')}
          </button>
          <button type="button" aria-pressed={mode === 'raw'} onClick={() => setMode('raw')}>
            {t('body.raw')}
          </button>
        </span>
        <CopyButton text={isUtf8 ? raw : (base64 ?? raw)} title={t(`body.copyTitle.${which}`)} />
      </div>
      <pre tabIndex={0} className="dl-pre">
        {shown}
      </pre>
    </div>
  );
}

export function HeaderTable({ headers }: { headers: Record<string, string> | null }) {
  const { t } = useTranslation('deliveryDetail');
  const entries = Object.entries(headers ?? {});
  if (!entries.length) return <p className="muted">{t('body.noHeaders')}</p>;
  return (
    <table className="dl-headers">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row" translate="no">
              {k}
            </th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
