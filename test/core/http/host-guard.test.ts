import { describe, expect, it } from 'vitest';
import { createHostGuard, isLoopbackName, parseAllowedHost } from '../../../src/core/http/host-guard';

describe('host guard', () => {
  const guard = createHostGuard({
    port: () => 8455,
    bound: '192.168.1.20',
    allowed: ['studio.lan', 'proxy.example:8443'],
  });

  it('takes loopback names and addresses on the studio’s own port', () => {
    for (const h of [
      '127.0.0.1:8455',
      'localhost:8455',
      'LocalHost:8455',
      'a.localhost:8455',
      '[::1]:8455',
      '127.1.2.3:8455',
    ])
      expect(guard.refuse(h), h).toBeNull();
  });

  it('takes its bound address on its port and allowed names (any port, or the one given)', () => {
    for (const h of ['192.168.1.20:8455', 'studio.lan', 'studio.lan:9999', 'proxy.example:8443'])
      expect(guard.refuse(h), h).toBeNull();
  });

  it('refuses everything else, saying how to allow it', () => {
    for (const h of [
      undefined,
      '',
      'localhost',
      '127.0.0.1:8456',
      'evil.example:8455',
      '192.168.1.20:80',
      'proxy.example',
      '[::2]:8455',
      'localhost.evil:8455',
    ])
      expect(guard.refuse(h), String(h)).not.toBeNull();
    expect(guard.refuse('evil.example:8455')).toContain('--allow-host evil.example');
  });

  it('parses --allow-host values and refuses malformed ones', () => {
    expect(parseAllowedHost(' Studio.LAN ')).toBe('studio.lan');
    expect(parseAllowedHost('[fd00::1]:4000')).toBe('[fd00::1]:4000');
    for (const bad of ['', 'a b', 'x/y', 'user@host', 'host:port', 'h:123456'])
      expect(parseAllowedHost(bad), bad).toBeNull();
    expect(isLoopbackName('127.0.0.1.evil')).toBe(false);
  });
});
