import type { Translation } from '../catalog';
import type en from '../en/shell';

const shell: Translation<typeof en> = {
  skipToMain: 'メインコンテンツへ移動',
  nav: {
    label: '画面',
    brand: 'Webhook Studio',
    brandSub: 'Sonzai · v{{version}}',
    shortcut: '{{area}} (Alt+{{n}})',
  },
  area: {
    events: 'イベント',
    deliveries: '配信',
    webhooks: 'Webhook',
    projects: 'プロジェクトとキー',
    requests: 'API ログ',
    tunnel: '受信箱とトンネル',
    notifications: '通知',
    signatures: '署名',
    settings: '設定',
  },
  status: {
    label: 'Studio の状態',
    connecting: '接続中…',
    connected: '接続済み',
    disconnected: '切断されました — 再接続中',
    unauthorized: '認証されていません',
    waiting: 'Studio を待っています…',
    api: 'API',
    key: 'キー',
    oneInbox: 'OneInbox',
    copyApiUrl: 'モック API の URL をコピー',
    copyApiKey: 'API キーをコピー',
    copyOneInboxEnv: 'OneInbox の env をコピー',
    copyOneInboxEnvTitle: 'ONEINBOX_BASE_URL と ONEINBOX_API_KEY をコピー',
    copyEnv: 'env をコピー',
    copyEnvTitle: 'SONZAI_BASE_URL と SONZAI_API_KEY をコピー',
  },
  storage: {
    headline: 'Studio は新しいデータを保存できません。',
    since: '({{time}} から)',
    kept: '送信済みの配信の結果はメモリに保持され、空きができしだい保存されます。',
  },
};
export default shell;
