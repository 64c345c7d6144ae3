import dns2 from 'dns2';

const { Packet } = dns2;
/** RFC 1035 response codes (dns2's typings lack Packet.RCODE). */
const SERVFAIL = 2;
const NXDOMAIN = 3;

export interface TestDnsServer {
  /** For DNS_SERVERS: `127.0.0.1:<port>`. */
  address: string;
  /** Names asked for, in order (lower-case). */
  queries: string[];
  /** Publishes TXT records on a name (replacing its earlier ones); no records: the name is gone. */
  setTxt(name: string, records: string[]): void;
  /** The TXT records published on a name. */
  txt(name: string): string[] | undefined;
  /** Answers every question with SERVFAIL until turned off again (a broken resolver). */
  failing: boolean;
  close(): Promise<void>;
}

/** A real DNS server on loopback (UDP, random port) answering TXT questions from a table: no lookup leaves the machine. */
export async function startDnsServer(): Promise<TestDnsServer> {
  const zone = new Map<string, string[]>();
  const queries: string[] = [];
  const state = { failing: false };
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      for (const question of request.questions) {
        const name = question.name.toLowerCase();
        queries.push(name);
        const records = zone.get(name);
        if (state.failing) response.header.rcode = SERVFAIL;
        else if (!records) response.header.rcode = NXDOMAIN;
        else if (question.type === Packet.TYPE.TXT) {
          for (const data of records)
            response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data } as never);
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  return {
    address: `127.0.0.1:${addresses.udp!.port}`,
    queries,
    setTxt: (name, records) => (records.length ? zone.set(name.toLowerCase(), records) : zone.delete(name.toLowerCase())),
    txt: (name) => zone.get(name.toLowerCase()),
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    close: () => server.close(),
  };
}
