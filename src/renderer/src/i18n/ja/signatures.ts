import type { Translation } from '../catalog';
import type en from '../en/signatures';

const signatures: Translation<typeof en> = {
  title: '署名',
  verify: {
    label: '署名を検証',
    heading: '何でも検証',
    intro:
      '受信したままの生の本文、<c>Sonzai-Signature</c> ヘッダー、シークレットを貼り付けてください。検証に失敗した理由を Studio が示します。再シリアライズされた JSON、古いタイムスタンプ、ローテーションされたシークレット、<c>whsec_</c> プレフィックス、base64 デコードされたキーなど…',
    rawBody: '生の本文',
    bodyPlaceholder: '{"event_type":"agent.message",…}',
    header: 'ヘッダー',
    headerLabel: '署名ヘッダー',
    headerPlaceholder: 'Sonzai-Signature: t=1700000000,v1=6b5f…',
    secret: 'シークレット',
    secretLabel: '署名シークレット',
    secretPlaceholder: 'whsec_…',
    orWebhook: 'または Webhook（現在のシークレットを使用）',
    webhook: 'Webhook',
    noWebhook: '— なし —',
    tolerance: '許容誤差（秒）',
    toleranceLabel: '許容誤差（秒）',
    verify: '検証',
    checking: '確認中…',
    needSecret: 'シークレットを貼り付けるか、Webhook を選択してください。',
    markOk: '✓',
    markBad: '✗',
    verdict: '判定',
    expected: '期待値',
    received: '受信値',
    copyExpected: '期待される HMAC をコピー',
    v1: 'v1={{hex}}',
  },
  snippets: {
    label: '検証スニペット',
    heading: 'ハンドラーで検証',
    intro:
      '<formula/> に対する HMAC-SHA256。キーは <c>whsec_</c> を除いたシークレットの UTF-8 バイト列（base64 デコードしない）、16 進数、いずれかの <c>v1=</c> が一致すればよく、許容誤差は 300 秒です。',
    formula: '"<t>." + 生の本文',
    loading: 'スニペットを読み込み中…',
    language: '言語',
    copyCode: 'コードをコピー',
    copyFile: '{{file}} をコピー',
  },
  reason: {
    valid: '有効な署名',
    missing_header: 'ヘッダーがありません',
    malformed_header: 'ヘッダーの形式が不正',
    no_v1: 'ヘッダーに v1 署名がありません',
    timestamp_too_old: 'タイムスタンプが許容範囲外（古すぎる）',
    timestamp_too_new: 'タイムスタンプが許容範囲外（未来）',
    reserialised: '本文が再シリアライズされています',
    body_changed: '本文が変更されています',
    wrong_secret: 'シークレットが違います',
    rotated_secret: 'シークレットはその後ローテーションされています',
    prefix_not_stripped: 'whsec_ プレフィックスが除去されていません',
    key_base64_decoded: 'キーが base64 デコードされています',
    mismatch: '署名が一致しません',
  },
  message: {
    valid: '署名はこの本文とシークレットに一致します。',
    missing_header: '{{header}} ヘッダーが空です。',
    header: {
      not_key_value: 'ヘッダーの形式が不正です。「{{part}}」は key=value の形ではありません。',
      bad_timestamp: 'ヘッダーの形式が不正です。t={{part}} は UNIX 秒ではありません。',
      no_timestamp: 'ヘッダーの形式が不正です。ヘッダーに t= タイムスタンプがありません。',
      no_v1: 'ヘッダーの形式が不正です。ヘッダーに v1= 署名がありません。',
      uppercase_hex: '署名は正しいものの、16 進数が大文字で書かれています。Sonzai は小文字で送信します。',
    },
    timestamp_too_old:
      'タイムスタンプが許容範囲外です。{{skew}}前に署名されており、許容誤差 {{tolerance}} 秒を {{beyond}}超えています。',
    timestamp_too_new:
      'タイムスタンプが許容範囲外です。{{skew}}先の未来の時刻で、許容誤差 {{tolerance}} 秒を {{beyond}}超えています。',
    reserialised:
      '本文が再シリアライズされています。JSON としては同じですが、バイト列が異なります（{{how}}）。JSON として解析する前の、生のリクエストのバイト列を検証してください。',
    changed: {
      value: '本文は署名後に変更されています。{{path}} で {{before}} が {{after}} になっています。',
      array_length:
        '本文は署名後に変更されています。{{path}} の配列の要素数が {{before}} から {{after}} になっています。',
      key_removed: '本文は署名後に変更されています。{{path}} のキーが削除されています。',
      key_added: '本文は署名後に変更されています。{{path}} のキーが追加されています。',
      bytes: '本文は署名後に変更されています。最初に異なるバイトはオフセット {{offset}} です。',
    },
    wrongSecret: {
      webhookCurrent:
        'シークレットが違います。これは {{eventType}} Webhook の現在のシークレット {{secret}} で署名されています。',
      webhookOld:
        'シークレットが違います。これは {{eventType}} Webhook の古いシークレット {{secret}} で署名されています。',
      other: 'シークレットが違います。これは Studio が知っている別のシークレット {{secret}} で署名されています。',
      sameBytes:
        'シークレットが違います。本文はこのヘッダーと一緒に Studio が送信したバイト列そのものなので、シークレットが異なります。',
    },
    rotatedSecret: {
      webhook:
        'その後ローテーションされたシークレット（{{eventType}} Webhook の古いシークレット {{secret}}、{{time}} にローテーション）で署名されています。Webhook の現在のシークレットを使用してください。',
      other:
        'その後ローテーションされたシークレット（{{secret}}、{{time}} にローテーション）で署名されています。Webhook の現在のシークレットを使用してください。',
    },
    prefix_not_stripped:
      'whsec_ プレフィックスが除去されていません。キーは「whsec_」を除いたシークレットの UTF-8 バイト列でなければなりません。',
    key_base64_decoded:
      'キーが base64 デコードされています（Svix / Standard Webhooks の習慣）。Sonzai は「whsec_」以降のシークレットをそのまま UTF-8 バイト列として使用します。',
    mismatch: 'どの v1 署名も一致しません。シークレットが違うか、署名後に本文が変更されています。',
  },
  note: {
    svix: 'Standard Webhooks / Svix の署名（"v1,<base64>"）のようです。Sonzai が送信する形式は "t=<unix seconds>,v1=<hex>" です。',
    v1NotHex: 'v1 の値は小文字の 16 進数 64 文字である必要があります。',
    expectedFormat: '想定される形式: {{header}}: t=<unix seconds>,v1=<64 hex chars>',
    hmacOkOld: 'HMAC 自体は正しいです。検証側の時計を確認してください。または、古いリクエストがリプレイされています。',
    hmacOkNew: 'HMAC 自体は正しいです。送信側か検証側の時計がずれています。',
    sizes: '署名されたのは {{signed}} バイト、検証しているのは {{verifying}} バイトです。',
    skewOld: 'また、タイムスタンプは {{skew}}前のものです（許容誤差 {{tolerance}} 秒）。',
    skewNew: 'また、タイムスタンプは {{skew}}先の未来です（許容誤差 {{tolerance}} 秒）。',
    mismatch:
      'シークレットを Webhook の現在の署名シークレットと比較し、（再シリアライズした JSON ではなく）生のリクエストのバイト列を検証してください。',
  },
  skew: {
    seconds: '{{seconds}} 秒',
    duration: '{{duration}}（{{seconds}} 秒）',
  },
  how: {
    whitespace: '空白',
    keyOrder: 'キーの順序',
    unicodeEscaping: 'Unicode のエスケープ',
    stringEscaping: '文字列のエスケープ',
    numberFormatting: '数値の書式',
  },
  listSeparator: '、',
};
export default signatures;
