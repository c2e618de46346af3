import { BlockList, isIP } from 'node:net';

/** Thrown at start for a GEA_TRUSTED_PROXIES entry that is neither an address nor a CIDR range. */
export class TrustedProxiesConfigError extends Error {
  override name = 'TrustedProxiesConfigError';
}

const plain = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/**
 * The proxies whose `X-Forwarded-For` is believed: addresses (`10.0.0.5`) and CIDR ranges
 * (`10.0.0.0/8`, `fd00::/8`). Nobody else's: any client can write that header.
 */
export function trustedProxies(entries: readonly string[]) {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const prefix = bits === undefined ? undefined : Number(bits);
    if (!family || extra !== undefined || (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)))) {
      throw new TrustedProxiesConfigError(`GEA_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, prefix, type);
  }
  return {
    has(address: string): boolean {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
export type TrustedProxies = ReturnType<typeof trustedProxies>;

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the last address
 * in `X-Forwarded-For` that is not itself a trusted proxy (each proxy appends the one it saw).
 */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | null, proxies: TrustedProxies): string {
  let client = socketAddress ? plain(socketAddress) : 'unknown';
  if (!forwardedFor || !proxies.has(client)) return client;
  const hops = forwardedFor.split(',').map((hop) => plain(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) break;
    client = hop;
    if (!proxies.has(hop)) break;
  }
  return client;
}
