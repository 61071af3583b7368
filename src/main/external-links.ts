/**
 * Which links the app opens in the system browser without asking: Sonzai's own sites over
 * HTTPS and the studio's own loopback URLs. Any other web link is opened only after the
 * user says yes; anything that is not http(s) never is.
 */
export function isAllowedExternal(url: string, studioOrigins: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:' && (u.hostname === 'sonz.ai' || u.hostname.endsWith('.sonz.ai'))) return true;
  return studioOrigins.includes(u.origin);
}

export function createExternalOpener(opts: {
  openExternal: (url: string) => Promise<void>;
  /** Asks the user; resolves true to open. */
  confirm: (url: string) => Promise<boolean>;
  studioOrigins: () => readonly string[];
}): (url: string) => Promise<'opened' | 'declined' | 'refused'> {
  return async (url) => {
    if (!/^https?:\/\//i.test(url)) return 'refused';
    if (!isAllowedExternal(url, opts.studioOrigins()) && !(await opts.confirm(url))) return 'declined';
    await opts.openExternal(url);
    return 'opened';
  };
}
