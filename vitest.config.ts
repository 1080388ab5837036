import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { DOTENV_CONFIG_QUIET: 'true' },
    // A throw-away redis-server for the run (TEST_REDIS_URL); npm test's pretest installs Debian's packages.
    globalSetup: ['test/globalSetup.ts'],
  },
});
