import { useStudio } from '../store/studio';
import { dateTime } from '../format';

/**
 * Says, on every screen, that the studio's disk refused a write: what failed, since when, and
 * that nothing already stored is lost. It goes away by itself with the next write that succeeds.
 */
export function StorageBanner() {
  const storage = useStudio((s) => s.status?.storage);
  if (!storage || storage.ok) return null;
  return (
    <div className="storage-banner" role="alert">
      <strong>The studio cannot store anything new.</strong> {storage.detail}
      {storage.since ? <span className="muted"> (since {dateTime(storage.since)})</span> : null}
      <span> Deliveries already sent keep their outcome in memory and are stored as soon as there is room.</span>
    </div>
  );
}
