import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny load balancer: each request goes to the next upstream in turn (no sticky sessions); an
 * upstream that refuses the connection is skipped, as a health-checking balancer would.
 */
export async function startRoundRobinProxy() {
  const upstreams: string[] = [];
  const served = new Map<string, number>();
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), upstreams.length));
  });

  function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, triesLeft: number): void {
    if (triesLeft === 0 || upstreams.length === 0) {
      res.writeHead(502).end('no upstream');
      return;
    }
    const target = new URL(upstreams[next++ % upstreams.length]!);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (response) => {
        served.set(target.origin, (served.get(target.origin) ?? 0) + 1);
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => forward(req, res, body, triesLeft - 1));
    upstream.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upstreams,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
