import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql: vite would otherwise load index.mjs for our code and node index.js for type-graphql.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['test/helpers/setup.ts'],
    // The admin console, built once for the browser suites (skipped when already up to date).
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
