import type { Translation } from '../catalog';
import type en from '../en/projects';

const projects: Translation<typeof en> = {
  title: '项目与密钥',
  env: {
    title: '让您的代码指向模拟 API',
    copy: '复制环境变量',
  },
  projects: {
    title: '项目',
    project: '项目',
    selected: '当前项目',
    isDefault: '{{name}}（默认）',
    delete: '删除项目',
    confirmDelete: '删除 {{name}} 及其密钥、智能体和 Webhook？',
    newProject: '新项目',
    placeholder: '我的应用（预发布）',
    create: '创建项目',
  },
  keys: {
    title: 'API 密钥',
    name: '名称',
    create: '创建密钥',
    empty: '此项目中没有密钥。',
    key: '密钥',
    status: '状态',
    lastUsed: '上次使用',
    copy: '复制密钥',
    copyTitle: '复制 API 密钥 {{name}}',
    active: '有效',
    revoked: '已吊销',
    never: '从未使用',
    confirmRevoke: '吊销 {{name}}？使用它的代码会立即收到 401。',
    revoke: '吊销',
  },
  agents: {
    title: '智能体',
    name: '名称',
    placeholder: 'Aiko',
    create: '创建智能体',
    empty: '还没有智能体。您的代码也可以创建（POST /api/v1/agents）。',
    agentId: '智能体 ID',
    confirmDelete: '删除智能体 {{name}}？',
  },
};
export default projects;
