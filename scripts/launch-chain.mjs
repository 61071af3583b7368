// The processes that launched this one under npm (the shell npm runs a script in, and npm
// itself), so the studio can stop when any of them goes: see src/core/stop-with-launchers.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function parentOf(pid) {
  try {
    if (process.platform === 'linux') {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    if (process.platform === 'win32') return 0;
    return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return 0;
  }
}

/** This process's parent, and, when npm runs it (through a shell), the shell's parent too. */
export function launchChain() {
  const chain = [process.ppid];
  if (process.env.npm_lifecycle_event) {
    const grand = parentOf(process.ppid);
    if (grand > 1) chain.push(grand);
  }
  return chain.filter((p) => p > 1).join(',');
}
