/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, so a forwarder
 * drops them, plus every header the `Connection` header names. Proxy-Authorization and
 * Proxy-Authenticate are for this hop's proxy only, so they go too.
 */
export const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'te',
  'transfer-encoding',
  'upgrade',
  'trailer',
  'proxy-authorization',
  'proxy-authenticate',
]);

export type HeaderPair = [string, string];

/** Raw `[name, value, name, value…]` (Node's rawHeaders) → pairs, order and case kept. */
export function pairsFromRaw(raw: readonly string[]): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

/** Drops hop-by-hop headers and the ones `Connection` lists; keeps order, case and duplicates. */
export function stripHopByHop(headers: readonly HeaderPair[]): HeaderPair[] {
  const named = new Set<string>();
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'connection') continue;
    for (const token of v.split(',')) {
      const t = token.trim().toLowerCase();
      if (t) named.add(t);
    }
  }
  return headers.filter(([k]) => {
    const lower = k.toLowerCase();
    return !HOP_BY_HOP.has(lower) && !named.has(lower);
  });
}

export function headerValue(headers: readonly HeaderPair[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return null;
}
