import { useTranslation } from 'react-i18next';
import { useStudio } from '../store/studio';
import { dateTime } from '../format';

/**
 * Says, on every screen, that the studio's disk refused a write: what failed, since when, and
 * that nothing already stored is lost. It goes away by itself with the next write that succeeds.
 */
export function StorageBanner() {
  const { t } = useTranslation('shell');
  const storage = useStudio((s) => s.status?.storage);
  if (!storage || storage.ok) return null;
  return (
    <div className="storage-banner" role="alert">
      <strong>{t('storage.headline')}</strong> {storage.detail}
      {storage.since ? <span className="muted"> {t('storage.since', { time: dateTime(storage.since) })}</span> : null}
      <span> {t('storage.kept')}</span>
    </div>
  );
}
