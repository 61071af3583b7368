import type { Translation } from '../catalog';
import type en from '../en/requests';

const requests: Translation<typeof en> = {
  title: 'API ログ',
  pause: 'ライブ表示を一時停止',
  resume: 'ライブ表示を再開',
  clear: 'ログを消去',
  filters: {
    method: 'メソッド',
    status: 'ステータス',
    any: 'すべて',
    path: 'パスに含む文字列',
    lintOnly: 'lint の指摘があるものだけ',
  },
  empty: {
    title: 'リクエストはまだありません',
    text: 'コードからモック API (SONZAI_BASE_URL) への呼び出しが、発生すると同時にここに表示されます。',
  },
  table: {
    time: '時刻',
    method: 'メソッド',
    path: 'パス',
    status: 'ステータス',
    ms: 'ms',
    lint: 'Lint',
    lintCount_other: 'lint の指摘 {{n}} 件',
  },
  detail: {
    label: 'リクエストの詳細',
    close: '詳細を閉じる',
    replayed: 'リプレイ済み (Idempotency-Key)',
    lint: 'リクエストの lint:',
    requestHeaders: 'リクエストヘッダー',
    requestBody: 'リクエスト本文',
    responseBody: 'レスポンス本文',
    truncated: '(切り詰め)',
    empty: '(空)',
  },
};
export default requests;
