/**
 * Which `Host` a request may name. A web page the developer visits can point its own
 * domain at 127.0.0.1 (DNS rebinding) and then talk to the studio as a same-origin
 * page; the browser still sends the page's name in `Host`. So every route (API, UI,
 * inbox, WebSocket) answers only to loopback addresses and names on the studio's own
 * port, and to the names the user allowed (`--allow-host`, for a reverse proxy or a LAN
 * name).
 */

export interface HostGuard {
  /** Null when `host` (the raw header, possibly missing) may reach the studio, else why not. */
  refuse(host: string | undefined): string | null;
}

/** `name` or `name:port`, lower-cased; brackets kept for IPv6 (`[::1]:4000`). */
function split(host: string): { name: string; port: string | null } {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return { name: h, port: null };
    const rest = h.slice(end + 1);
    return { name: h.slice(0, end + 1), port: rest.startsWith(':') ? rest.slice(1) : null };
  }
  const colon = h.lastIndexOf(':');
  return colon < 0 ? { name: h, port: null } : { name: h.slice(0, colon), port: h.slice(colon + 1) };
}

/** Loopback by address or by a name browsers resolve to loopback themselves (RFC 6761). */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]') return true;
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(name);
}

/**
 * A valid `--allow-host` value: a host name or address, optionally with a port
 * (`studio.lan`, `studio.lan:4000`, `192.168.1.20`, `[fd00::1]:4000`).
 */
export function parseAllowedHost(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (!v || v.length > 255 || /[\s/?#@]/.test(v)) return null;
  const { name, port } = split(v);
  if (!name || (port !== null && !/^\d{1,5}$/.test(port))) return null;
  if (!name.startsWith('[') && !/^[a-z0-9_.-]+$/.test(name)) return null;
  return v;
}

export function createHostGuard(opts: {
  port: () => number;
  /** The address the studio binds, when it is not loopback: its own name, on its own port. */
  bound?: string;
  allowed?: readonly string[];
}): HostGuard {
  const allowed = (opts.allowed ?? []).map((a) => split(a));
  const bound = opts.bound?.toLowerCase();
  return {
    refuse(host) {
      if (!host) return 'the request has no Host header';
      const { name, port } = split(host);
      const own = String(opts.port());
      // A browser leaves the port out only for the scheme's default (80).
      const portMatches = port === own || (port === null && own === '80');
      if ((isLoopbackName(name) || name === bound) && portMatches) return null;
      for (const a of allowed) {
        if (a.name === name && (a.port === null || a.port === (port ?? '80'))) return null;
      }
      return `Host "${host.slice(0, 200)}" is not this studio's: only loopback names on port ${own} reach it (a page on another name could be a DNS-rebinding attack); to allow a name you use on purpose (a reverse proxy, a LAN name), start the studio with --allow-host ${name.slice(0, 100)}`;
    },
  };
}
