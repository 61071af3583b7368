import { NOTIFICATIONS_PAGE, useNotifications, type NotificationList } from './store';
import { count } from '../../format';

/** "201–400 of 1,200" with previous / next: a list pages through the store's true total. */
export function Pager({ list, total, label }: { list: NotificationList; total: number; label: string }) {
  const offset = useNotifications((s) => s.offsets[list]);
  const setOffset = useNotifications((s) => s.setOffset);
  if (total <= NOTIFICATIONS_PAGE && offset === 0) return null;
  const last = Math.min(total, offset + NOTIFICATIONS_PAGE);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span>
        {total === 0 ? 0 : count(offset + 1)}–{count(last)} of {count(total)}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => setOffset(list, offset - NOTIFICATIONS_PAGE)}>
        Previous
      </button>
      <button type="button" disabled={last >= total} onClick={() => setOffset(list, offset + NOTIFICATIONS_PAGE)}>
        Next
      </button>
    </nav>
  );
}
