import type { Translation } from '../catalog';
import type en from '../en/projects';

const projects: Translation<typeof en> = {
  title: 'プロジェクトとキー',
  env: {
    title: 'コードの接続先をモックにする',
    copy: 'env をコピー',
  },
  projects: {
    title: 'プロジェクト',
    project: 'プロジェクト',
    selected: '選択中のプロジェクト',
    isDefault: '{{name}} (既定)',
    delete: 'プロジェクトを削除',
    confirmDelete: '{{name}} を、そのキー、エージェント、Webhook とともに削除しますか？',
    newProject: '新しいプロジェクト',
    placeholder: 'マイアプリ (ステージング)',
    create: 'プロジェクトを作成',
  },
  keys: {
    title: 'API キー',
    name: '名前',
    create: 'キーを作成',
    empty: 'このプロジェクトにはキーがありません。',
    key: 'キー',
    status: 'ステータス',
    lastUsed: '最終使用',
    copy: 'キーをコピー',
    copyTitle: 'API キー {{name}} をコピー',
    active: '有効',
    revoked: '失効',
    never: '未使用',
    confirmRevoke: '{{name}} を失効させますか？このキーを使うコードには、ただちに 401 が返ります。',
    revoke: '失効',
  },
  agents: {
    title: 'エージェント',
    name: '名前',
    placeholder: 'Aiko',
    create: 'エージェントを作成',
    empty: 'エージェントはまだありません。コードから作成することもできます (POST /api/v1/agents)。',
    agentId: 'エージェント ID',
    confirmDelete: 'エージェント {{name}} を削除しますか？',
  },
};
export default projects;
