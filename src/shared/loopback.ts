/**
 * The host names of this machine as a URL spells them. Plain http is allowed only to these (reply
 * URLs, development issuers). A leaf module: it imports nothing of the domain.
 */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
