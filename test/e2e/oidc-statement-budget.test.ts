import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { type Grants, grantsOf, grantTarget, STATEMENT_BUDGETS } from '../helpers/oidc-grants.js';
import { StatementCounter } from '../helpers/statement-counter.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * The SQL statements each OIDC grant issues (BEGIN and COMMIT included) stay within its budget
 * (STATEMENT_BUDGETS, after warm-up, each database its own): a regression that adds a lookup fails
 * here, naming its grant, instead of showing up only in `npm run bench:oidc`. PRINT_STATEMENTS=1
 * prints the statements themselves.
 */
describe.each(testDatabases())('OIDC statement budget on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let counter: StatementCounter;
  let grants: Grants;
  let web: WebClient;
  let refreshToken: string;

  beforeAll(async () => {
    const target = await grantTarget(suite.t.gateway);
    grants = await grantsOf(target);
    web = new WebClient();
    await target.signIn(web);
    // Warm-up: the tenant's provider, its keys and the first grant are made once per process.
    await grants.clientCredentials();
    refreshToken = (await grants.codeFlow(web)).refresh_token!;
    refreshToken = (await grants.refresh(refreshToken)).refresh_token!;
    counter = new StatementCounter(suite.t.gateway.db);
  });

  const measure = async (grant: keyof typeof STATEMENT_BUDGETS, work: () => Promise<unknown>) => {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const statements = await counter.record(work);
      if (process.env.PRINT_STATEMENTS) console.log(`${kind} ${grant}:\n  ${statements.join('\n  ')}`);
      counts.push(statements.length);
    }
    const budget = STATEMENT_BUDGETS[grant][kind];
    console.log(`${kind} ${grant}: ${counts.join(', ')} statements (budget ${budget})`);
    const most = Math.max(...counts);
    expect(most, `${kind} ${grant} issued ${most} SQL statements, its budget is ${budget}`).toBeLessThanOrEqual(budget);
  };

  it('client_credentials stays within its budget', () => measure('client_credentials', () => grants.clientCredentials()));

  it('refresh_token with rotation stays within its budget', () =>
    measure('refresh_token', async () => {
      refreshToken = (await grants.refresh(refreshToken)).refresh_token!;
    }));

  it('the code flow + PKCE of a signed-in browser stays within its budget', () => measure('code_flow', () => grants.codeFlow(web)));
});
