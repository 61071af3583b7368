// Static security audit of the Electron code with Doyensec's electronegativity. Fails on
// any finding of HIGH severity or CERTAIN confidence that the allow-list does not explain.
//   node scripts/security-audit.mjs [--input src] [--allow-list security-audit-allow.json]
// Lower findings are listed for review; the allow-list may explain those too.
// The allow-list is a JSON array of { "id": "<check id>", "file": "<path under input>",
// "reason": "<why this is not a risk here>" }; an entry without a reason explains nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

/** The findings that fail the audit, and the allow-list entries that matched nothing. */
export function judge(issues, allowList) {
  const explained = (i) =>
    allowList.some((a) => a.id === i.id && a.file === i.file && typeof a.reason === 'string' && a.reason.trim());
  const serious = issues.filter((i) => i.severity === 'HIGH' || i.confidence === 'CERTAIN');
  return {
    serious,
    unexplained: serious.filter((i) => !explained(i)),
    explained: issues.filter(explained),
    stale: allowList.filter((a) => !issues.some((i) => i.id === a.id && i.file === a.file)),
  };
}

/**
 * electronegativity fetches updated translations at every start (3 s of retries offline);
 * its bundled English ones are all it needs. Same configuration as its own loader, no fetch.
 */
function offlineTranslations() {
  const loader = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = require(require.resolve('i18n', { paths: [loader] }));
  const load = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(loader),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[loader] = { id: loader, filename: loader, loaded: true, exports: load };
}

async function main() {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: 'src' },
      'allow-list': { type: 'string', default: 'security-audit-allow.json' },
    },
  });
  const input = resolve(values.input);
  const allowList = JSON.parse(readFileSync(values['allow-list'], 'utf8'));
  offlineTranslations();
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const electronVersion = require('electron/package.json').version;
  // Quiet its own chatter (translations and release checks it cannot fetch offline).
  const log = console.log;
  console.log = () => {};
  let result;
  try {
    result = await run({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      // It downloads Electron's release list to flag an outdated Electron: a network check,
      // not a reading of our code (Electron's version is kept current through package.json).
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    console.log = log;
  }
  const hard = result.errors.filter((e) => !e.tolerable);
  if (hard.length) {
    for (const e of hard) console.error(`security audit: could not parse ${e.file}: ${e.message}`);
    process.exit(1);
  }
  const issues = result.issues.map((i) => ({
    id: i.id,
    file: i.file,
    line: i.location.line,
    severity: i.severity.name,
    confidence: i.confidence.name,
    description: i.description,
  }));
  const { serious, unexplained, explained, stale } = judge(issues, allowList);
  console.log(
    `security audit (electronegativity, Electron ${electronVersion}): ${issues.length} findings over ${values.input}/, ` +
      `${serious.length} of high severity or certain confidence, ${unexplained.length} unexplained`,
  );
  for (const i of issues) {
    const mark = unexplained.includes(i) ? 'FAIL' : explained.includes(i) ? 'explained' : 'review';
    console.log(`  ${mark.padEnd(9)} ${i.id} ${i.severity}/${i.confidence} ${i.file}:${i.line}`);
  }
  for (const a of stale) console.log(`  note: allow-list entry ${a.id} ${a.file} matches nothing now; remove it`);
  if (unexplained.length) {
    console.error(
      `security audit failed: explain each FAIL above in ${values['allow-list']} (id, file, reason) or fix it`,
    );
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
