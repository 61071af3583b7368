/**
 * The request log's record format, the same in the shared ring and in the log file: fields
 * of text one after another, each `<length>:<text>` (its JavaScript length, in UTF-16 code
 * units), `~` for none, or `^<i>:` for "the same as this field of record i of the batch".
 *
 * Why not objects or JSON: a structured clone walks every property on both threads and
 * copies each string twice, and JSON escapes every body. A record is built by string
 * concatenation on the request thread, written once into shared memory, and stored by the
 * writer thread as those very bytes, one row per batch. The repeats that polling makes
 * (the same headers, the same answer) are stored once per batch.
 */
import type { LintNote } from '../../shared/contract/api';
import { isSecretHeader, redactBody, redactHeaderValue } from './request-log-redact';

/** Each stored request and response body is cut to this many characters. */
export const LOG_BODY_LIMIT = 16 * 1024;
/** A URL is kept to this many characters. */
const URL_LIMIT = 4096;

/** One field of a record. */
export const field = (value: string | null): string => (value === null ? '~' : `${value.length}:${value}`);

/** Reads the fields of a frame in order. */
export class FrameReader {
  private pos = 0;
  constructor(private readonly frame: string) {}

  /** True once every field has been read. */
  get done(): boolean {
    return this.pos >= this.frame.length;
  }

  /** The next field: its text, null, or (a reference) the index of the record holding it. */
  next(): string | null | number {
    const text = this.frame;
    const c = text.charCodeAt(this.pos);
    if (c === 126 /* ~ */) {
      this.pos++;
      return null;
    }
    const ref = c === 94; /* ^ */
    const from = ref ? this.pos + 1 : this.pos;
    const colon = text.indexOf(':', from);
    const n = colon > from ? Number(text.slice(from, colon)) : NaN;
    if (!Number.isInteger(n) || n < 0) throw new Error(`not a request log frame at offset ${this.pos}`);
    if (ref) {
      this.pos = colon + 1;
      return n;
    }
    const end = colon + 1 + n;
    if (end > text.length) throw new Error(`a request log frame cut at offset ${this.pos}`);
    this.pos = end;
    return text.slice(colon + 1, end);
  }

  /** The next field, which must be text. */
  text(): string {
    const v = this.next();
    if (typeof v !== 'string') throw new Error(`a request log field is missing before offset ${this.pos}`);
    return v;
  }
}

/** What the request thread hands over for one answered request. */
export interface CapturedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  operationId: string | null;
  status: number;
  durationMs: number;
  projectId: string | null;
  keyId: string | null;
  /** Header names and values as received, alternating (Node's `rawHeaders`). */
  rawHeaders: string[];
  requestBody: string | null;
  responseBody: string | null;
  lint: LintNote[];
  idempotentReplay: boolean;
  /** When it was answered, epoch ms on the studio clock. */
  at: number;
}

/** One request as the log holds it: redacted, bodies cut (and saying so). */
export interface LoggedRecord extends Omit<CapturedRequest, 'rawHeaders' | 'lint'> {
  /** Header names and values, alternating, joined with newlines (HTTP allows none inside either). */
  headers: string;
  requestBodyTruncated: boolean;
  responseBodyTruncated: boolean;
  /** JSON of the lint notes. */
  lint: string;
}

export const NO_LINT = '[]';

/** A text as received, and the record of the batch that holds it as logged. */
interface Held<T> {
  raw: T;
  at: number;
}
/** Per operation, what its last records in this batch held. */
interface Last {
  headers?: Held<string[]>;
  request?: Held<string>;
  response?: Held<string>;
}

const sameLines = (a: readonly string[], b: readonly string[]) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Builds records on the request thread: redacts, cuts bodies to the limit (saying so).
 * A header block or body equal to the one the operation's previous record in the same
 * batch carried refers to that record instead of repeating it (comparing costs far less
 * than redacting and copying again). `clear()` whenever a batch starts or a record could
 * not be written.
 */
export class RecordEncoder {
  private last = new Map<string, Last>();

  clear(): void {
    this.last.clear();
  }

  /** The record of `e`, to be record `index` of its batch. */
  encode(e: CapturedRequest, index: number): string {
    const op = e.operationId ?? '';
    let last = this.last.get(op);
    if (!last) this.last.set(op, (last = {}));
    let headers: string;
    if (last.headers && sameLines(last.headers.raw, e.rawHeaders)) headers = `^${last.headers.at}:`;
    else {
      headers = field(headerText(e.rawHeaders));
      last.headers = { raw: e.rawHeaders, at: index };
    }
    const request = bodyField(last, 'request', e.requestBody, index);
    const response = bodyField(last, 'response', e.responseBody, index);
    return (
      field(e.method) +
      field(e.url.length > URL_LIMIT ? e.url.slice(0, URL_LIMIT) : e.url) +
      field(e.operationId) +
      field(String(e.status)) +
      field(String(e.durationMs)) +
      field(e.projectId) +
      field(e.keyId) +
      headers +
      request +
      response +
      field(e.lint.length ? JSON.stringify(e.lint) : NO_LINT) +
      (e.idempotentReplay ? '1:1' : '1:0') +
      field(String(e.at))
    );
  }
}

/** Header lines as logged: credentials cut to a prefix. */
function headerText(raw: readonly string[]): string {
  let text = '';
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const value = isSecretHeader(raw[i]) ? redactHeaderValue(raw[i], raw[i + 1]) : raw[i + 1];
    text += i ? `\n${raw[i]}\n${value}` : `${raw[i]}\n${value}`;
  }
  return text;
}

/** A body's two fields: its text (or a reference) and whether it was cut. */
function bodyField(last: Last, kind: 'request' | 'response', body: string | null, index: number): string {
  if (body === null) return '~1:0';
  const flag = body.length > LOG_BODY_LIMIT ? '1:1' : '1:0';
  const held = last[kind];
  if (held && held.raw === body) return `^${held.at}:${flag}`;
  last[kind] = { raw: body, at: index };
  // Cut, then redacted: a secret cut in two is still found (and ends in `…"`).
  return field(redactBody(body.length > LOG_BODY_LIMIT ? body.slice(0, LOG_BODY_LIMIT) : body)) + flag;
}

/** The records of a batch, in order, references resolved. Throws on a damaged frame. */
export function readRecords(frame: string): LoggedRecord[] {
  const r = new FrameReader(frame);
  const out: LoggedRecord[] = [];
  /** A field that may refer to the same field of an earlier record. */
  const deref = (v: string | null | number, pick: (rec: LoggedRecord) => string | null): string | null => {
    if (typeof v !== 'number') return v;
    if (v >= out.length) throw new Error(`a request log reference to record ${v} of ${out.length}`);
    return pick(out[v]);
  };
  /** A field that may not be a reference. */
  const plain = (v: string | null | number): string | null => {
    if (typeof v === 'number') throw new Error('a request log reference where text belongs');
    return v;
  };
  while (!r.done) {
    const method = r.text();
    const url = r.text();
    const operationId = plain(r.next());
    const status = number(r.text(), 0, 999);
    const durationMs = number(r.text(), 0, Number.MAX_VALUE);
    const projectId = plain(r.next());
    const keyId = plain(r.next());
    const headers = deref(r.next(), (x) => x.headers) ?? '';
    const requestBody = deref(r.next(), (x) => x.requestBody);
    const requestBodyTruncated = r.text() === '1';
    const responseBody = deref(r.next(), (x) => x.responseBody);
    const responseBodyTruncated = r.text() === '1';
    out.push({
      method,
      url,
      operationId,
      status,
      durationMs,
      projectId,
      keyId,
      headers,
      requestBody,
      requestBodyTruncated,
      responseBody,
      responseBodyTruncated,
      lint: r.text(),
      idempotentReplay: r.text() === '1',
      at: number(r.text(), -MAX_TIME, MAX_TIME),
    });
  }
  return out;
}

/** The largest epoch-ms a Date can hold. */
const MAX_TIME = 8.64e15;

/** A number field within bounds (a damaged one throws, as a damaged frame does). */
function number(text: string, min: number, max: number): number {
  const n = Number(text);
  if (!text || !(n >= min && n <= max)) throw new Error(`a request log number out of range: ${text.slice(0, 20)}`);
  return n;
}
