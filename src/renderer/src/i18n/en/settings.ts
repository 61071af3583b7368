/** Settings: appearance, language, and the facts of this studio. */
export default {
  title: 'Settings',
  appearance: 'Appearance',
  theme: 'Theme',
  themeSystem: 'Follow the system',
  themeLight: 'Light',
  themeDark: 'Dark',
  language: 'Language',
  languageSystem: 'Follow the system ({{language}})',
  languageHint: 'The command line always speaks English.',
  thisStudio: 'This studio',
  version: 'Version',
  mockApi: 'Mock API',
  dataFolder: 'Data folder',
  database: 'Database',
  defaultProject: 'Default project',
  defaultAgent: 'Default agent',
} as const;
