import type { Translation } from '../catalog';
import type en from '../en/shell';

const shell: Translation<typeof en> = {
  skipToMain: '跳到主要内容',
  nav: {
    label: '功能区',
    brand: 'Webhook Studio',
    brandSub: 'Sonzai · v{{version}}',
    shortcut: '{{area}}（Alt+{{n}}）',
  },
  area: {
    events: '事件',
    deliveries: '投递',
    webhooks: 'Webhook',
    projects: '项目与密钥',
    requests: 'API 日志',
    tunnel: '收件箱与隧道',
    notifications: '通知',
    signatures: '签名',
    settings: '设置',
  },
  status: {
    label: 'Studio 状态',
    connecting: '正在连接…',
    connected: '已连接',
    disconnected: '已断开 — 正在重试',
    unauthorized: '未授权',
    waiting: '正在等待 Studio…',
    api: 'API',
    key: '密钥',
    oneInbox: 'OneInbox',
    copyApiUrl: '复制模拟 API 的 URL',
    copyApiKey: '复制 API 密钥',
    copyOneInboxEnv: '复制 OneInbox 环境变量',
    copyOneInboxEnvTitle: '复制 ONEINBOX_BASE_URL 和 ONEINBOX_API_KEY',
    copyEnv: '复制环境变量',
    copyEnvTitle: '复制 SONZAI_BASE_URL 和 SONZAI_API_KEY',
  },
  storage: {
    headline: 'Studio 无法再存储任何新内容。',
    since: '（自 {{time}} 起）',
    kept: '已发送投递的结果暂存在内存中，一有空间就会写入。',
  },
};
export default shell;
