import { describe, expect, it } from 'vitest';
import { clientAddressOf, trustedProxies, TrustedProxiesConfigError } from './client-address.ts';

describe('the client address behind trusted proxies', () => {
  const proxies = trustedProxies(['10.0.0.0/8', '127.0.0.1']);

  it('is the socket peer when that peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf('203.0.113.5', '198.51.100.1', proxies)).toBe('203.0.113.5');
    expect(clientAddressOf('::ffff:203.0.113.5', null, proxies)).toBe('203.0.113.5');
  });

  it('is the last address a trusted proxy saw, skipping the proxies themselves; a forged left part is ignored', () => {
    expect(clientAddressOf('127.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddressOf('10.1.2.3', '1.2.3.4, 198.51.100.1, 10.9.9.9', proxies)).toBe('198.51.100.1');
    expect(clientAddressOf('10.1.2.3', 'not-an-address, 10.9.9.9', proxies)).toBe('10.9.9.9');
  });

  it('refuses a configuration entry that is not an address or a range', () => {
    expect(() => trustedProxies(['10.0.0.0/33'])).toThrow(TrustedProxiesConfigError);
    expect(() => trustedProxies(['proxy.example.it'])).toThrow(TrustedProxiesConfigError);
  });
});
