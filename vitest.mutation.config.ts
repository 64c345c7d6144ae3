import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suites that exercise the security-critical modules Stryker mutates (stryker.config.mjs), on
 * SQLite only, without the browser (playwright) and multi-process suites: each mutant re-runs the
 * tests that cover it, so the set is kept to what can kill a mutant there.
 */
export const SECURITY_TESTS = [
  'test/security-rules.test.ts',
  'test/security-pages.test.ts',
  'test/redemption.test.ts',
  'test/federation.test.ts',
  'test/partner-policy.test.ts',
  'test/invitation.policy.test.ts',
  'test/invitations.test.ts',
  'test/auth.test.ts',
  'test/admin-frontend.test.ts',
  'test/roles.test.ts',
  'test/directory.test.ts',
  'test/permissions.test.ts',
  'test/access-ends.test.ts',
  'test/sessions.test.ts',
  'test/sign-in-limits.test.ts',
  'test/sign-up-rules.test.ts',
  'test/sign-up-race.test.ts',
  'test/system-mail.test.ts',
  'test/oidc-clients.test.ts',
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
