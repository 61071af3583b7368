import { HttpProblem } from '../http/problem';
import { MAX_EVENT_TYPE_LENGTH, MAX_WEBHOOK_URL_LENGTH } from '../../shared/contract/api';
import type { ApiDeps } from './types';

/** Adds Huma's `$schema` link (an absolute URL to the response's JSON Schema) to a body. */
export function withSchema<T extends object>(deps: ApiDeps, name: string, body: T): T & { $schema: string } {
  return { $schema: `${deps.baseUrl()}/api/v1/schemas/${name}.json`, ...body };
}

/** True if the text holds a control character (U+0000..U+001F, U+007F). */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** `eventType` is any string of 1..128 characters without control characters, not `.` or `..`. */
export function checkEventType(eventType: string): string {
  const bad = (message: string) =>
    new HttpProblem(422, 'validation failed', [
      { location: 'path.eventType', message, value: eventType.slice(0, 200) },
    ]);
  if (!eventType) throw bad('expected a non-empty event type');
  if (eventType.length > MAX_EVENT_TYPE_LENGTH) throw bad(`expected at most ${MAX_EVENT_TYPE_LENGTH} characters`);
  if (hasControlChars(eventType)) throw bad('control characters are not allowed');
  if (eventType === '.' || eventType === '..') throw bad('"." and ".." are not event types');
  return eventType;
}

/** `webhook_url` must be an absolute http(s) URL with a host, at most 2048 characters. */
export function checkWebhookUrl(url: string, location = 'body.webhook_url'): string {
  const bad = (message: string) =>
    new HttpProblem(422, 'validation failed', [{ location, message, value: url.slice(0, 300) }]);
  if (url.length > MAX_WEBHOOK_URL_LENGTH) throw bad(`expected at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad('expected an absolute http(s) URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad('expected an http or https URL');
  if (!u.hostname) throw bad('expected a URL with a host');
  if (hasControlChars(url)) throw bad('control characters are not allowed');
  return url;
}

/** A free-text field the published schema types as a string, bounded here. */
export function checkLength(value: string | undefined, location: string, max: number): void {
  if (value !== undefined && value.length > max) {
    throw new HttpProblem(422, 'validation failed', [
      { location, message: `expected at most ${max} characters`, value: value.slice(0, 100) },
    ]);
  }
}
