import { useTranslation } from 'react-i18next';
import { NOTIFICATIONS_PAGE, useNotifications, type NotificationList } from './store';
import { count } from '../../format';

/** "201–400 of 1,200" with previous / next: a list pages through the store's true total. */
export function Pager({ list, total }: { list: NotificationList; total: number }) {
  const { t } = useTranslation('notifications');
  const offset = useNotifications((s) => s.offsets[list]);
  const setOffset = useNotifications((s) => s.setOffset);
  if (total <= NOTIFICATIONS_PAGE && offset === 0) return null;
  const last = Math.min(total, offset + NOTIFICATIONS_PAGE);
  return (
    <nav className="pager" aria-label={t(`pager.label.${list}`)}>
      <span>
        {t('pager.range', { from: count(total === 0 ? 0 : offset + 1), to: count(last), total: count(total) })}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => setOffset(list, offset - NOTIFICATIONS_PAGE)}>
        {t('pager.previous')}
      </button>
      <button type="button" disabled={last >= total} onClick={() => setOffset(list, offset + NOTIFICATIONS_PAGE)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
