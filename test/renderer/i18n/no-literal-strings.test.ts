// @vitest-environment node
/// <reference types="node" />
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * No word reaches a user except through the catalogs: eslint-plugin-i18next's no-literal-string,
 * as configured in eslint.config.js, over every component of the renderer.
 */
const cwd = join(__dirname, '../../..');
const RULE = 'i18next/no-literal-string';

describe('user-visible text', () => {
  const eslint = new ESLint({ cwd });

  it('is caught by the rule when written as a literal (text, title, aria-label, placeholder)', async () => {
    const [result] = await eslint.lintText(
      [
        'export const Fixture = () => (',
        '  <div title="Copy the key">',
        '    <p>Hello there</p>',
        '    <button aria-label="Close">×</button>',
        '    <input placeholder="Search" />',
        '    <code>{"/api/v1"}</code>',
        '  </div>',
        ');',
      ].join('\n'),
      { filePath: join(cwd, 'src/renderer/src/features/fixture.tsx') },
    );
    const lines = result.messages.filter((m) => m.ruleId === RULE).map((m) => m.line);
    expect(lines).toEqual([2, 3, 4, 5]);
  });

  it('comes from the catalogs in every component of the renderer', { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(['src/renderer/src/**/*.tsx']);
    const found = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === RULE)
        .map(
          (m) =>
            `${r.filePath.slice(cwd.length + 1)}:${m.line}: ${m.message.replace(/^disallow literal string: /, '')}`,
        ),
    );
    expect(found).toEqual([]);
  });
});
