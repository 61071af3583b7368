import type { Translation } from '../catalog';
import type en from '../en/common';

const common: Translation<typeof en> = {
  action: {
    cancel: 'キャンセル',
    close: '閉じる',
    copy: 'コピー',
    copied: '✓ コピーしました',
    copyValue: '{{value}} をコピー',
    /** Where a title names the verb (a regular expression): taken out when the title follows the label. */
    copyTitleVerb: '\\s*を?コピー$',
    copyNamed: '{{label}}: {{what}}',
    save: '保存',
    delete: '削除',
  },
  table: {
    actions: '操作',
  },
  state: {
    loading: '読み込み中…',
    notConnected: 'Studio に接続されていません',
  },
  error: {
    invalid_params: '入力が正しくありません: {{detail}}',
    unknown_method: '不明なコマンドです: {{detail}}',
    not_found: '見つかりません: {{detail}}',
    conflict: '競合しています: {{detail}}',
    unavailable: '現在利用できません: {{detail}}',
    disk_full: 'ディスクがいっぱいです。何も保存されていません: {{detail}}',
    internal: 'Studio 内部のエラー: {{detail}}',
  },
};
export default common;
