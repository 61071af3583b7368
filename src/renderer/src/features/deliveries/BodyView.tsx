import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';

/** A body with Pretty / Raw views (raw = the exact bytes as text, or base64 when not UTF-8). */
export function BodyView({
  raw,
  pretty,
  base64,
  isUtf8 = true,
  label,
}: {
  raw: string | null;
  pretty: string | null;
  base64?: string;
  isUtf8?: boolean;
  label: string;
}) {
  const [mode, setMode] = useState<'pretty' | 'raw'>(pretty ? 'pretty' : 'raw');
  if (raw === null || raw === '') return <p className="muted">No {label.toLowerCase()}.</p>;
  const shown = mode === 'pretty' && pretty ? pretty : isUtf8 ? raw : (base64 ?? raw);
  return (
    <div className="dl-body">
      <div className="dl-body-bar">
        <span className="muted">
          {label} · {new TextEncoder().encode(raw).length} bytes{!isUtf8 && ' · not UTF-8, shown as base64'}
        </span>
        <span className="seg" role="group" aria-label={`${label} view`}>
          <button type="button" aria-pressed={mode === 'pretty'} disabled={!pretty} onClick={() => setMode('pretty')}>
            Pretty
          </button>
          <button type="button" aria-pressed={mode === 'raw'} onClick={() => setMode('raw')}>
            Raw
          </button>
        </span>
        <CopyButton text={isUtf8 ? raw : (base64 ?? raw)} label="Copy" title={`Copy the ${label.toLowerCase()}`} />
      </div>
      <pre tabIndex={0} className="dl-pre">
        {shown}
      </pre>
    </div>
  );
}

export function HeaderTable({ headers }: { headers: Record<string, string> | null }) {
  const entries = Object.entries(headers ?? {});
  if (!entries.length) return <p className="muted">No headers.</p>;
  return (
    <table className="dl-headers">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
