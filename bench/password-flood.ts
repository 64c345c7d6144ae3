/**
 * The guessing flood of bench/password.ts, in a process of its own so that the gateway's event loop
 * carries only the server's work: FLOOD_WORKERS clients post wrong passwords, each from a new address,
 * for the given time. Prints the answers by HTTP status as JSON.
 * Usage: tsx bench/password-flood.ts <panel URL> <ms> <workers> <email>...
 */
import { WebClient } from '../test/helpers/web-client.js';

const [panel, ms, workers, ...emails] = process.argv.slice(2);
console.log('flooding');
const action = new URL(panel!).pathname;
const end = Date.now() + Number(ms);
const outcomes: Record<number, number> = {};
let n = 0;
const nextIp = () => `10.200.${(++n >> 8) & 255}.${n & 255}`;
await Promise.all(
  Array.from({ length: Number(workers) }, async () => {
    while (Date.now() < end) {
      const web = new WebClient(undefined, { 'x-forwarded-for': nextIp() });
      const page = await web.get(panel!);
      const { status } = await web.submit(page, action, { email: emails[n % emails.length]!, password: 'Wrong-Guess-123456' });
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
  }),
);
console.log(JSON.stringify(outcomes));
