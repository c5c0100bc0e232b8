/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '\\.(tsx?|mjs|js)$': '<rootDir>/tests/support/esbuild-jest-transform.cjs' },
  // Preact, @preact/signals and @noble/hashes resolve to ESM builds: compile those to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(preact|@preact|@noble)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'json'],
  // The Electron binary is not installed here, and unit tests must not need it: main/
  // and preload/ get a recording fake (tests/support/fake-electron).
  moduleNameMapper: { '^electron$': '<rootDir>/tests/support/fake-electron/index.ts' },
  testTimeout: 20_000,
  globalSetup: '<rootDir>/tests/support/global-setup.cjs',
};
