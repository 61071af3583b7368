import type { Translation } from '../catalog';
import type en from '../en/common';

const common: Translation<typeof en> = {
  action: {
    cancel: '取消',
    close: '关闭',
    copy: '复制',
    copied: '✓ 已复制',
    copyValue: '复制 {{value}}',
    /** Where a title names the verb (a regular expression): taken out when the title follows the label. */
    copyTitleVerb: '^复制\\s*',
    copyNamed: '{{label}}：{{what}}',
    save: '保存',
    delete: '删除',
  },
  table: {
    actions: '操作',
  },
  state: {
    loading: '正在加载…',
    notConnected: '未连接到 Studio',
  },
  error: {
    invalid_params: '参数无效：{{detail}}',
    unknown_method: '未知命令：{{detail}}',
    not_found: '未找到：{{detail}}',
    conflict: '冲突：{{detail}}',
    unavailable: '暂不可用：{{detail}}',
    disk_full: '磁盘已满，未保存任何内容：{{detail}}',
    internal: 'Studio 内部错误：{{detail}}',
  },
};
export default common;
