import type { Translation } from '../catalog';
import type en from '../en/requests';

const requests: Translation<typeof en> = {
  title: 'API 日志',
  pause: '暂停实时更新',
  resume: '恢复实时更新',
  clear: '清空日志',
  filters: {
    method: '方法',
    status: '状态',
    any: '任意',
    path: '路径包含',
    lintOnly: '仅显示 lint 标记的请求',
  },
  empty: {
    title: '还没有请求',
    text: '您的代码对模拟 API（SONZAI_BASE_URL）的调用会实时显示在这里。',
  },
  table: {
    time: '时间',
    method: '方法',
    path: '路径',
    status: '状态',
    ms: 'ms',
    lint: 'Lint',
    lintCount_other: '{{n}} 条 lint 提示',
  },
  detail: {
    label: '请求详情',
    close: '关闭详情',
    replayed: '已重放（Idempotency-Key）',
    lint: '请求 lint：',
    requestHeaders: '请求头',
    requestBody: '请求正文',
    responseBody: '响应正文',
    truncated: '（已截断）',
    empty: '（空）',
  },
};
export default requests;
