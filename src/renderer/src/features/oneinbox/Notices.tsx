import { oneInboxActions, useOneInbox } from './store';

export function Notices() {
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
          {notice}{' '}
          <button type="button" className="btn small" onClick={oneInboxActions.dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
