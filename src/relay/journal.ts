import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { RelayRequestSchema, type RelayRequest } from '../shared/relay-protocol';

/** What a channel tells the journal. */
export interface BacklogJournal {
  added(channel: string, msg: RelayRequest): void;
  removed(channel: string, id: string): void;
}

type Entry = { op: 'add'; channel: string; msg: RelayRequest } | { op: 'ack'; channel: string; id: string };

/**
 * The relay's backlog on disk, so requests kept for an offline studio survive a relay
 * restart: an append-only file of JSON lines (`add` / `ack`), compacted on open. A torn
 * last line (a crash mid-write) is skipped. Written without fsync: a power cut can lose
 * the last few entries, a process restart loses none.
 */
export function openJournal(path: string): {
  journal: BacklogJournal;
  backlog: Map<string, RelayRequest[]>;
  close(): void;
} {
  const backlog = new Map<string, RelayRequest[]>();
  if (existsSync(path)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let e: Entry;
      try {
        e = JSON.parse(line) as Entry;
      } catch {
        continue;
      }
      if (e.op === 'add') {
        const msg = RelayRequestSchema.safeParse(e.msg);
        if (!msg.success || typeof e.channel !== 'string') continue;
        const list = backlog.get(e.channel) ?? [];
        list.push({ ...msg.data, queued: true });
        backlog.set(e.channel, list);
      } else if (e.op === 'ack') {
        const list = backlog.get(e.channel);
        const i = list?.findIndex((m) => m.id === e.id) ?? -1;
        if (list && i >= 0) list.splice(i, 1);
      }
    }
  }
  for (const [channel, list] of backlog) if (list.length === 0) backlog.delete(channel);
  // Compact: rewrite only what is still waiting, then append from there.
  const tmp = `${path}.tmp`;
  const out = openSync(tmp, 'w', 0o600);
  for (const [channel, list] of backlog) {
    for (const msg of list) writeSync(out, JSON.stringify({ op: 'add', channel, msg }) + '\n');
  }
  closeSync(out);
  renameSync(tmp, path);
  const fd = openSync(path, 'a', 0o600);
  const append = (e: Entry) => writeSync(fd, JSON.stringify(e) + '\n');
  return {
    backlog,
    journal: {
      added: (channel, msg) => append({ op: 'add', channel, msg }),
      removed: (channel, id) => append({ op: 'ack', channel, id }),
    },
    close: () => closeSync(fd),
  };
}
