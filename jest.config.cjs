/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '\\.tsx?$': '<rootDir>/tests/support/esbuild-jest-transform.cjs' },
  // zod, preact and friends ship ESM builds; let the transform see only our own files.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'json'],
  testTimeout: 20_000,
  globalSetup: '<rootDir>/tests/support/global-setup.cjs',
};
