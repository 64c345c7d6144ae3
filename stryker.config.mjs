// Mutation testing of the security-critical modules: `npm run test:mutation` (see README, "Mutation testing").
// One module: `npx stryker run --mutate src/oidc/api-token.verifier.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/access/**/*.ts',
    'src/accounts/**/*.ts',
    'src/redemption/**/*.ts',
    'src/invitations/invitation.policy.ts',
    'src/invitations/invitation-fields.ts',
    'src/invitations/redirect-url.ts',
    'src/http/browser.ts',
    'src/oidc/api-token.verifier.ts',
    'src/oidc/claims.ts',
    'src/directory/permissions.ts',
    'src/mfa/totp.ts',
    'src/mfa/recovery-codes.ts',
    'src/mfa/mfa.service.ts',
    'src/mfa/passkey.service.ts',
    'src/mfa/mfa-reset.service.ts',
    'src/mfa/ceremony.ts',
    'src/policies/policy-gate.ts',
    'src/policies/policy-decision.ts',
    'src/policies/acr.ts',
    'src/policies/panel-sign-in.ts',
    'src/policies/session-starts.ts',
    'src/saml/saml-inbound.ts',
    'src/saml/xml-guard.ts',
    'src/saml/assertion.ts',
    'src/apps/application-secret.service.ts',
    'src/apps/reply-urls.ts',
    'src/federation/federated-member.ts',
    'src/federation/federation.service.ts',
    // Entities are plain data (TypeORM column metadata); mutating them only breaks the schema.
    '!src/**/*.entity.ts',
  ],
  // Mutants in code that runs only when a module loads would each need the whole test set.
  ignoreStatic: true,
  // The machine is shared (2 cores): one or two test runners at most.
  concurrency: 2,
  // Suites start real gateways (HTTP, SMTP, SQLite): allow for a busy machine.
  timeoutMS: 30_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'data', 'coverage', 'reports', 'test-output', 'bench', '.ci', '*.log'],
  thresholds: { high: 90, low: 75, break: null },
};
