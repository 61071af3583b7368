import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', '.bench-base/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Every word a user reads comes from the catalogs (src/renderer/src/i18n): no literal text in
    // JSX, nor in the attributes people read or hear (title, aria-label, placeholder, alt, label).
    files: ['src/renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'title',
              'aria-label',
              'aria-description',
              'aria-roledescription',
              'placeholder',
              'alt',
              'label',
              'copyName',
              'emptyText',
              'caption',
              'heading',
              'hint',
              'message',
              'confirmLabel',
            ],
          },
          // Punctuation, glyphs and paths (`/api/v1`) are not words to translate.
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·…—–→←↑↓✓✕×⟳▸▾◈•]+', '/[\\w/{}.:-]*'] },
        },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
);
