import type { Command } from 'commander';
import { diagnose } from '../../core/inspector/diagnose';
import { DEFAULT_TOLERANCE_S } from '../../core/signing/signature';
import { CliError, EXIT } from '../errors';
import { positiveInt, readTextArg } from './inspector-args';

/** Offline: needs no running studio. Exit 0 when valid, 1 with the reason when not. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check a body, a Sonzai-Signature header and a secret; print the verdict and the exact reason')
    .requiredOption('--body <text|@file>', 'the raw body, or @file, or @- for stdin')
    .requiredOption('--header <value>', "the header value, or the whole line 'Sonzai-Signature: t=…,v1=…'")
    .requiredOption('--secret <secret>', 'the webhook signing secret (whsec_…)')
    .option('--tolerance <seconds>', 'allowed clock difference', String(DEFAULT_TOLERANCE_S))
    .option('--now <unix-seconds>', "the verifier's clock (default: now)")
    .option('--json', 'print the diagnosis as JSON')
    .action(
      (opts: { body: string; header: string; secret: string; tolerance: string; now?: string; json?: boolean }) => {
        const body = readTextArg(opts.body, '--body');
        const toleranceSeconds = opts.tolerance === '0' ? 0 : positiveInt(opts.tolerance, '--tolerance', 315_360_000);
        if (opts.now !== undefined && !/^\d+$/.test(opts.now))
          throw new CliError('--now must be unix seconds', EXIT.usage);
        const nowSeconds = opts.now !== undefined ? Number(opts.now) : Math.floor(Date.now() / 1000);
        const d = diagnose({ body, header: opts.header, secret: opts.secret, nowSeconds, toleranceSeconds });
        if (opts.json) process.stdout.write(JSON.stringify(d, null, 2) + '\n');
        else {
          process.stdout.write(`${d.ok ? '✓' : '✗'} ${d.reason}: ${d.message}\n`);
          for (const n of d.notes) process.stdout.write(`  · ${n}\n`);
          if (!d.ok && d.expectedHmac) process.stdout.write(`  expected v1=${d.expectedHmac}\n`);
        }
        process.exitCode = d.ok ? EXIT.ok : EXIT.failure;
      },
    );
}
