import type { HeaderPair } from './hop-by-hop';

/** A whole HTTP/1.x response, read off a connection. */
export interface Http1Response {
  status: number;
  /** As received: order, case and duplicates kept; values without surrounding blanks (as node:http gives them). */
  headers: HeaderPair[];
  body: Buffer;
  /** Whether the connection may carry another request (keep-alive, nothing left over). */
  reusable: boolean;
  /** Set (true) only when `keepBodyBytes` cut the body: the rest was not read. */
  truncated?: boolean;
}

export type ParseStep =
  { kind: 'more' } | { kind: 'done'; response: Http1Response } | { kind: 'error'; error: string; tooLarge?: boolean };

/** Longest status line + headers accepted (node:http's default is 16 KiB). */
export const MAX_HEAD_BYTES = 64 * 1024;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?:[ \t].*)?$/;
const MORE: ParseStep = { kind: 'more' };

type Framing =
  | { kind: 'none' }
  | { kind: 'length'; left: number }
  | { kind: 'chunked' }
  /** No length stated: the body ends when the connection does. */
  | { kind: 'close' };

interface Head {
  status: number;
  headers: HeaderPair[];
  framing: Framing;
  keepAlive: boolean;
}

/** Without leading and trailing spaces and tabs (only those: a value's other bytes are its own). */
function trimOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function hasToken(value: string, token: string): boolean {
  for (const t of value.split(',')) if (t.trim().toLowerCase() === token) return true;
  return false;
}

/** The status line and headers (the text before the blank line), or why they are not HTTP/1.x. */
export function parseHead(text: string, requestWasHead: boolean): Head | { error: string } {
  const lines = text.split('\n');
  const statusLine = lines[0].endsWith('\r') ? lines[0].slice(0, -1) : lines[0];
  const m = STATUS_LINE.exec(statusLine);
  if (!m) return { error: `not an HTTP/1.x status line: ${JSON.stringify(statusLine.slice(0, 80))}` };
  const minor = m[1];
  const status = Number(m[2]);
  const headers: HeaderPair[] = [];
  let length: number | null = null;
  let chunked = false;
  let transferEncoding = false;
  let connection = '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) return { error: `invalid header line: ${JSON.stringify(line.slice(0, 80))}` };
    const value = trimOws(line.slice(colon + 1));
    headers.push([name, value]);
    switch (name.length === 14 || name.length === 17 || name.length === 10 ? name.toLowerCase() : '') {
      case 'content-length': {
        if (!/^\d+$/.test(value)) return { error: `invalid Content-Length: ${JSON.stringify(value.slice(0, 40))}` };
        const n = Number(value);
        if (length !== null && length !== n) return { error: 'conflicting Content-Length headers' };
        length = n;
        break;
      }
      case 'transfer-encoding': {
        transferEncoding = true;
        const codings = value.split(',');
        chunked = codings[codings.length - 1].trim().toLowerCase() === 'chunked';
        break;
      }
      case 'connection':
        connection = connection ? `${connection},${value}` : value;
        break;
    }
  }
  let keepAlive = minor === '1' ? !hasToken(connection, 'close') : hasToken(connection, 'keep-alive');
  let framing: Framing;
  if (requestWasHead || status < 200 || status === 204 || status === 304) framing = { kind: 'none' };
  else if (transferEncoding) {
    framing = chunked ? { kind: 'chunked' } : { kind: 'close' };
    // A length beside a transfer coding is a smuggling hazard: read this answer, then close.
    if (length !== null) keepAlive = false;
  } else if (length !== null) framing = { kind: 'length', left: length };
  else framing = { kind: 'close' };
  if (framing.kind === 'close') keepAlive = false;
  return { status, headers, framing, keepAlive };
}

/**
 * Reads one HTTP/1.x response from the bytes of a connection, as they come: `push` each
 * chunk, `end` when the peer closed. Informational (1xx) answers are skipped; bodies framed
 * by Content-Length, chunked coding (trailers read and dropped) or the connection's end.
 * Pure: no sockets, no clocks.
 */
export function createResponseParser(opts: {
  requestWasHead: boolean;
  maxBodyBytes: number;
  /** Keep the first N bytes of a longer body and finish there (`truncated`, not reusable) instead of failing. */
  keepBodyBytes?: number;
  /** Longest status line + headers accepted, however they arrive (default: MAX_HEAD_BYTES while incomplete). */
  maxHeadBytes?: number;
}) {
  const maxHeadBytes = opts.maxHeadBytes ?? MAX_HEAD_BYTES;
  let buf: Buffer | null = null;
  let head: Head | null = null;
  const body: Buffer[] = [];
  let size = 0;
  /** Chunked coding: the data bytes left in the current chunk, or the part being read. */
  let chunkLeft = 0;
  let chunkState: 'size' | 'data' | 'data-crlf' | 'trailers' = 'size';
  let finished = false;
  let truncated = false;

  function addBody(b: Buffer): ParseStep | null {
    if (b.length === 0) return null;
    if (opts.keepBodyBytes !== undefined && size + b.length > opts.keepBodyBytes) {
      const room = opts.keepBodyBytes - size;
      if (room > 0) body.push(b.subarray(0, room));
      size += Math.max(0, room);
      truncated = true;
      return done(true);
    }
    size += b.length;
    if (size > opts.maxBodyBytes) {
      return { kind: 'error', error: `the local response is larger than ${opts.maxBodyBytes} bytes`, tooLarge: true };
    }
    body.push(b);
    return null;
  }

  function response(reusable: boolean): Http1Response {
    const h = head!;
    const r: Http1Response = {
      status: h.status,
      headers: h.headers,
      body: body.length === 1 ? body[0] : Buffer.concat(body, size),
      reusable,
    };
    if (truncated) r.truncated = true;
    return r;
  }

  function done(leftover: boolean): ParseStep {
    finished = true;
    return { kind: 'done', response: response(head!.keepAlive && !leftover) };
  }

  /** The end of a line in `buf` from `from`, or -1. */
  const lineEnd = (from: number) => buf!.indexOf(10, from);

  function readChunked(): ParseStep {
    for (;;) {
      const b = buf!;
      if (chunkState === 'data') {
        const take = Math.min(chunkLeft, b.length);
        const err = addBody(b.subarray(0, take));
        if (err) return err;
        chunkLeft -= take;
        buf = b.subarray(take);
        if (chunkLeft > 0) return MORE;
        chunkState = 'data-crlf';
        continue;
      }
      const nl = lineEnd(0);
      if (nl < 0) {
        if (b.length > MAX_HEAD_BYTES) return { kind: 'error', error: 'a chunk line longer than allowed' };
        return MORE;
      }
      const line = b.toString('latin1', 0, nl > 0 && b[nl - 1] === 13 ? nl - 1 : nl);
      buf = b.subarray(nl + 1);
      if (chunkState === 'data-crlf') {
        if (line !== '') return { kind: 'error', error: 'a chunk not followed by CRLF' };
        chunkState = 'size';
      } else if (chunkState === 'size') {
        const hex = line.split(';')[0].trim();
        if (!/^[0-9a-fA-F]{1,8}$/.test(hex))
          return { kind: 'error', error: `invalid chunk size ${JSON.stringify(hex)}` };
        chunkLeft = parseInt(hex, 16);
        chunkState = chunkLeft === 0 ? 'trailers' : 'data';
      } else if (line === '') {
        return done(buf.length > 0); // the blank line after the trailers: the end
      }
    }
  }

  function readBody(): ParseStep {
    const f = head!.framing;
    const b = buf!;
    switch (f.kind) {
      case 'none':
        return done(b.length > 0);
      case 'length': {
        const take = Math.min(f.left, b.length);
        const err = addBody(take === b.length ? b : b.subarray(0, take));
        if (err) return err;
        f.left -= take;
        buf = b.subarray(take);
        return f.left === 0 ? done(buf.length > 0) : MORE;
      }
      case 'close': {
        buf = null;
        return addBody(b) ?? MORE;
      }
      case 'chunked':
        return readChunked();
    }
  }

  return {
    /** The next bytes of the connection. */
    push(chunk: Buffer): ParseStep {
      if (finished) return { kind: 'error', error: 'bytes after the response' };
      buf = buf && buf.length > 0 ? Buffer.concat([buf, chunk]) : chunk;
      while (!head) {
        // The blank line ending the head (CRLF CRLF, or bare LFs as node:http also accepts).
        let end = -1;
        let after = 0;
        for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, nl + 1)) {
          if (buf[nl + 1] === 10) {
            end = nl;
            after = nl + 2;
            break;
          }
          if (buf[nl + 1] === 13 && buf[nl + 2] === 10) {
            end = nl;
            after = nl + 3;
            break;
          }
          if (nl + 2 >= buf.length) break;
        }
        if (end < 0) {
          if (buf.length > maxHeadBytes) return { kind: 'error', error: 'response headers larger than allowed' };
          return MORE;
        }
        if (opts.maxHeadBytes !== undefined && end > opts.maxHeadBytes)
          return { kind: 'error', error: 'response headers larger than allowed' };
        const parsed = parseHead(buf.toString('latin1', 0, end), opts.requestWasHead);
        if ('error' in parsed) return { kind: 'error', error: parsed.error };
        buf = buf.subarray(after);
        if (parsed.status >= 100 && parsed.status < 200) {
          if (parsed.status === 101) return { kind: 'error', error: 'the local target switched protocols (101)' };
          if (buf.length === 0) return MORE; // an interim answer (100 Continue, 103): the real one follows
          continue;
        }
        head = parsed;
      }
      return readBody();
    },
    /** The peer closed the connection: the end of a body framed by it, or a response cut short. */
    end(): ParseStep {
      if (finished) return { kind: 'error', error: 'closed after the response' };
      if (head?.framing.kind === 'close') return done(false);
      return { kind: 'error', error: 'socket hang up' };
    },
    /** What has arrived of a response whose head was read (null before that), not reusable. */
    partial(): Http1Response | null {
      return head ? response(false) : null;
    },
  };
}
