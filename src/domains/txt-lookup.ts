import { Resolver } from 'node:dns/promises';

/** The one thing domain verification asks DNS: the TXT records of a name, each joined from its strings. */
export interface TxtLookup {
  /** @returns the records, [] when the name has none or does not exist; rejects when DNS did not answer. */
  txt(name: string): Promise<string[]>;
}

/** Codes node:dns gives for "there is no such record": an answer, not a failure. */
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

/**
 * A node:dns resolver on the configured servers (DNS_SERVERS), or the system's. Bounded: 2 s per try,
 * 2 tries, so a verification request does not hang on an unreachable server.
 */
export function dnsTxtLookup(servers: readonly string[] | null): TxtLookup {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  if (servers) resolver.setServers([...servers]);
  return {
    async txt(name) {
      try {
        return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
      } catch (error) {
        if (NO_RECORD.has((error as NodeJS.ErrnoException).code ?? '')) return [];
        throw error;
      }
    },
  };
}
