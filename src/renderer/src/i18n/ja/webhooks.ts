import type { Translation } from '../catalog';
import type en from '../en/webhooks';

const webhooks: Translation<typeof en> = {
  title: 'Webhook',
  project: 'プロジェクト',
  testEvent: 'テストイベント',
  issued: {
    registered: '{{types}} → {{url}} を登録しました。',
    registeredSeveral:
      '{{types}} → {{url}} を登録しました（{{n}} 件の登録：Sonzai API では Webhook 1 つにつきイベントタイプは 1 つです）。',
    replaced: '{{eventType}} の以前の URL {{url}} を置き換えました。',
    updated: '{{eventType}} を更新しました（{{from}} → {{to}}）。',
    saved: '{{eventType}} を保存しました。',
    rotated: '{{eventType}} の署名シークレットをローテーションしました。',
    secret: '<code>{{eventType}}</code> の署名シークレット（表示は一度だけです）：<code>{{secret}}</code>',
    copySecret: 'シークレットをコピー',
    dismiss: '閉じる',
  },
  register: {
    title: 'Webhook を登録',
    hint: '複数のイベントタイプを 1 つの URL に送るには、カンマで区切ってください（Sonzai API の仕様どおり、タイプごとに 1 件ずつ登録されます）。',
    replaceOne: '{{eventType}} はすでに {{previousUrl}} に送信しています。{{url}} に置き換えますか？',
    replaceSeveral: '次のイベントタイプはすでに別の URL に送信しています：{{replaces}}。{{url}} に置き換えますか？',
    replace: '置き換え',
  },
  list: {
    title: '登録済み',
    loading: '読み込み中…',
    empty: 'このプロジェクトにはまだ Webhook がありません',
    emptyHint:
      '上のフォームから登録するか、この Studio に向けた Sonzai SDK を使ってコードから登録してください（<code>client.webhooks.register("agent.message", …)</code>）。',
    eventType: 'イベントタイプ',
    url: 'URL',
    delivery: '配信',
    health: 'ヘルス',
    secret: '署名シークレット',
  },
  row: {
    authorization: 'Authorization: {{value}}',
    deliver: '{{eventType}} を配信',
    active: '有効',
    paused: '一時停止中',
    lastCode: '直近 {{code}}',
    lastNoResponse: '直近：応答なし',
    healthSummary: '成功率 {{rate}}% · p50 {{p50}} · 直近 {{sample}} 件',
    noDeliveries: 'まだ配信はありません',
    secretOf: '{{eventType}} の署名シークレット',
    copySecretOf: '{{eventType}} の署名シークレットをコピー',
    hide: '隠す',
    reveal: 'シークレットを表示',
    sendTest: 'テストイベントを送信',
    sendTestTitle:
      'このタイプの Studio 独自のサンプルを、テストとしてマークして送信します（Sonzai API にはテスト用のエンドポイントがありません）。',
    edit: '編集',
    rotate: 'ローテーション',
    confirmDelete: '{{eventType}} の Webhook を削除しますか？この Webhook への配信はすぐに停止します。',
    confirmRotate: '{{eventType}} のシークレットをローテーションしますか？古いシークレットはすぐに使えなくなります。',
    deleteWebhook: 'Webhook を削除',
    rotateSecret: 'シークレットをローテーション',
  },
  form: {
    eventType: 'イベントタイプ',
    url: 'Webhook URL',
    auth: 'Authorization ヘッダー（任意）',
    authPlaceholder: 'Bearer …',
    register: '登録',
    editLabel: '{{eventType}} を編集',
    eventTypeRequired: 'イベントタイプを入力してください。',
    urlInvalid: 'Webhook URL は http(s) の絶対 URL で指定してください。',
  },
};
export default webhooks;
