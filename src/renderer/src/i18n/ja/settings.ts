import type { Translation } from '../catalog';
import type en from '../en/settings';

const settings: Translation<typeof en> = {
  title: '設定',
  appearance: '外観',
  theme: 'テーマ',
  themeSystem: 'システムに合わせる',
  themeLight: 'ライト',
  themeDark: 'ダーク',
  language: '言語',
  languageSystem: 'システムに合わせる ({{language}})',
  languageHint: 'コマンドラインは常に英語で表示されます。',
  thisStudio: 'この Studio',
  version: 'バージョン',
  mockApi: 'モック API',
  dataFolder: 'データフォルダー',
  database: 'データベース',
  defaultProject: '既定のプロジェクト',
  defaultAgent: '既定のエージェント',
};
export default settings;
