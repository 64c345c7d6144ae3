import net from 'node:net';

/**
 * Which proxies may tell the gateway the client's address (`X-Forwarded-For`), in Express's
 * `trust proxy` forms: `false` (none), a number of hops, or a list of proxy addresses.
 */
export type TrustProxy = false | number | readonly string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Parses TRUST_PROXY. `true` is refused: Express would then take the left-most `X-Forwarded-For`
 * entry, which the client writes itself, and every per-IP limit could be dodged with a forged header.
 * @returns the setting, or the problem to report
 */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { problem: string } {
  const value = (raw ?? 'false').trim().toLowerCase();
  if (value === 'false') return { value: false };
  if (value === 'true') {
    return {
      problem:
        '`true` would trust an X-Forwarded-For the client writes itself; give the number of proxies in front of the gateway (e.g. 1) or their addresses (e.g. loopback,10.0.0.0/8)',
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) return { problem: 'at most 10 proxy hops' };
    return { value: hops === 0 ? false : hops };
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !NAMED.has(e) && !isAddressOrRange(e));
  if (bad.length || !entries.length) {
    return {
      problem: `not a number of hops nor a list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal: ${bad.join(', ') || value}`,
    };
  }
  return { value: Object.freeze(entries) };
}

/** `10.0.0.1`, `10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `fd00::/8`. */
function isAddressOrRange(entry: string): boolean {
  const [address, range, ...rest] = entry.split('/');
  const version = net.isIP(address ?? '');
  if (!version || rest.length) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
  return version === 4 && net.isIPv4(range);
}
