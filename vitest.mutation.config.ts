import { defineConfig } from 'vitest/config';
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
  // End-to-end suites only for what has no service-level test yet (member activation, password reset,
  // the redemption flow's pages) and for the permission matrix over GraphQL. Each mutant re-runs the
  // suites that cover it, so every e2e suite here costs minutes over the whole run.
  'test/e2e/permissions.test.ts',
  'test/e2e/redemption.test.ts',
  'test/e2e/members.test.ts',
  'test/e2e/member-admins.test.ts',
  'test/e2e/password-reset.test.ts',
  'test/e2e/password-reset-admin.test.ts',
];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: SECURITY_TESTS,
    // Each mutant re-runs its tests: re-importing the whole app per test file dominated the time.
    // Mutants switch at run time (Stryker's mutant switching), so modules can be shared.
    isolate: false,
    // testDatabases() adds PostgreSQL only when this is set.
    env: { TEST_DATABASE_URL: '' },
  },
});
