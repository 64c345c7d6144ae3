/**
 * `--write` regenerates schema.graphql from the resolvers; `--check` fails when the committed
 * contract differs from what the resolvers produce.
 */
import fs from 'node:fs';
import { buildGatewaySchema, printContract } from '../src/graphql/schema.js';

const file = new URL('../schema.graphql', import.meta.url);
const printed = printContract(await buildGatewaySchema());

if (process.argv.includes('--write')) {
  fs.writeFileSync(file, printed);
  console.log('schema.graphql written');
} else {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:emit` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date');
}
