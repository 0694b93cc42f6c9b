import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'electron/**/*.test.ts', 'shared/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/build-bundles.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
