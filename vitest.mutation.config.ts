import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suites that exercise the security-critical modules Stryker mutates (stryker.config.mjs), on
 * SQLite only, without the browser (playwright) and multi-process suites: each mutant re-runs the
 * tests that cover it, so the set is kept to what can kill a mutant there.
 */
export const SECURITY_TESTS = [
  // The fast tiers: every unit and service test is cheap enough to run against any mutant.
  'test/unit/**/*.test.ts',
  'test/service/**/*.test.ts',
  'test/e2e/security-rules.test.ts',
  'test/e2e/security-pages.test.ts',
  'test/e2e/redemption.test.ts',
  'test/e2e/federation.test.ts',
  'test/e2e/partner-policy.test.ts',
  'test/e2e/invitations.test.ts',
  'test/e2e/auth.test.ts',
  'test/e2e/admin-frontend.test.ts',
  'test/e2e/roles.test.ts',
  'test/e2e/directory.test.ts',
  'test/e2e/permissions.test.ts',
  'test/e2e/access-ends.test.ts',
  'test/e2e/sessions.test.ts',
  'test/e2e/sign-in-limits.test.ts',
  'test/e2e/sign-up-rules.test.ts',
  'test/e2e/sign-up-race.test.ts',
  'test/e2e/system-mail.test.ts',
  'test/e2e/oidc-clients.test.ts',
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
