import type { Translation } from '../catalog';
import type en from '../en/settings';

const settings: Translation<typeof en> = {
  title: '设置',
  appearance: '外观',
  theme: '主题',
  themeSystem: '跟随系统',
  themeLight: '浅色',
  themeDark: '深色',
  language: '语言',
  languageSystem: '跟随系统（{{language}}）',
  languageHint: '命令行始终使用英文。',
  thisStudio: '此 Studio',
  version: '版本',
  mockApi: '模拟 API',
  dataFolder: '数据文件夹',
  database: '数据库',
  defaultProject: '默认项目',
  defaultAgent: '默认智能体',
};
export default settings;
