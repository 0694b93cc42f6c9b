import { defineConfig } from 'vitest/config';

// The hostile files of issue 13 through the CLI (tests/hostile): one file at a time, so that their
// times, measured against ordinary files of the same size, are not those of a machine busy with other tests.
export default defineConfig({
  test: {
    include: ['tests/hostile/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/build-bundles.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
  },
});
