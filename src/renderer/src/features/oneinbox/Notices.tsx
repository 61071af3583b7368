import { useTranslation } from 'react-i18next';
import { count } from '../../format';
import { oneInboxActions, useOneInbox, type OneInboxNotice } from './store';

function useNoticeText(): (n: OneInboxNotice) => string {
  const { t } = useTranslation('oneinbox');
  return (n) => {
    switch (n.kind) {
      case 'registered':
        return t('notice.registered', { id: n.id });
      case 'settingsSaved':
        return t('notice.settingsSaved');
      case 'callStarted':
        return t('notice.callStarted', { id: n.id });
      case 'busyAfternoon':
        return t('notice.busyAfternoon', { count: n.calls, n: count(n.calls) });
      case 'fired':
        // The URLs are data: listed as they are, in every language.
        return n.urls.length === 0
          ? t('notice.firedNowhere', { event: n.eventType })
          : t('notice.fired', { event: n.eventType, urls: n.urls.join(', ') });
    }
  };
}

export function Notices() {
  const { t } = useTranslation('oneinbox');
  const noticeText = useNoticeText();
  const { error, notice } = useOneInbox();
  return (
    <>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {noticeText(notice)}{' '}
          <button type="button" className="btn small" onClick={oneInboxActions.dismiss}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
