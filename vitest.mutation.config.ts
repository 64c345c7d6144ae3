import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suites that exercise the security-critical modules Stryker mutates (stryker.config.mjs), on
 * SQLite only, without the browser (playwright) and multi-process suites: each mutant re-runs the
 * tests that cover it, so the set is kept to what can kill a mutant there.
 */
export const SECURITY_TESTS = [
  // The fast tiers: every unit and service test is cheap enough to run against any mutant, and they
  // were written to pin each rule of these modules exactly.
  'test/unit/**/*.test.ts',
  'test/service/**/*.test.ts',
  // The permission matrix over GraphQL (permissions.ts). The accounts and redemption modules have
  // service tests now (members, activation, password reset, account page, redemption flow) that pin
  // their rules; their e2e suites cost minutes per mutant, so they are left to the ordinary test run.
  'test/e2e/permissions.test.ts',
  // The SAML identity provider (saml-inbound.ts, xml-guard.ts, assertion.ts), an application's client
  // secrets at the token endpoint (application-secret.service.ts) and upstream federation
  // (federation.service.ts, federated-member.ts) are tested only end to end: one suite each, SQLite.
  'test/e2e/saml-hostile.test.ts',
  'test/e2e/saml-sso.test.ts',
  'test/e2e/oidc-clients.test.ts',
  'test/e2e/federation.test.ts',
];

/**
 * Suites that need a module graph of their own, so cannot share modules (isolate: false): one mocks
 * node:crypto (vi.mock cannot reach a module another file loaded first), one builds the GraphQL schema
 * bare (type-graphql's global metadata then holds another file's authChecker-less build). Neither
 * is left out of the ordinary test run; api-token.verifier.ts keeps its other suites here.
 */
const NEEDS_ISOLATION = ['test/service/attack-api-token-signature.test.ts', 'test/unit/graphql-simple-fields.test.ts'];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: SECURITY_TESTS,
    exclude: [...configDefaults.exclude, ...NEEDS_ISOLATION],
    // Each mutant re-runs its tests: re-importing the whole app per test file dominated the time.
    // Mutants switch at run time (Stryker's mutant switching), so modules can be shared.
    isolate: false,
    // testDatabases() adds PostgreSQL only when this is set.
    env: { TEST_DATABASE_URL: '' },
  },
});
