import net from 'node:net';

/**
 * DNS_SERVERS: `ip`, `ip:port` or `[ipv6]:port`, comma-separated, as node:dns `setServers` takes them.
 * Unset: null (the system's resolvers).
 * @returns the servers, or the problem to report
 */
export function parseDnsServers(raw: string | undefined): { value: string[] | null } | { problem: string } {
  if (raw === undefined) return { value: null };
  const servers = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = servers.filter((s) => !validServer(s));
  if (servers.length === 0 || bad.length > 0) return { problem: `not an IP address with an optional port: ${bad.join(', ') || raw}` };
  return { value: servers };
}

function validServer(server: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
  if (bracketed) return net.isIPv6(bracketed[1]!) && validPort(bracketed[2]);
  if (net.isIP(server)) return true;
  const v4 = /^([\d.]+):(\d{1,5})$/.exec(server);
  return v4 !== null && net.isIPv4(v4[1]!) && validPort(v4[2]);
}

function validPort(port: string | undefined): boolean {
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}
