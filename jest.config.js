/** Jest with ts-jest in ESM mode (run with NODE_OPTIONS=--experimental-vm-modules, see package.json). */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/__tests__/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/global-teardown.js',
  testSequencer: '<rootDir>/__tests__/sequencer.js',
  setupFiles: ['<rootDir>/__tests__/neutral-stdout.js'],
  // Jest's cache beside the test bundle's, not in the system temp directory the suite leaves as found.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  testTimeout: 60_000,
  // Most runs of the action are in-process on virtual time; the process runs left mostly wait on
  // the action's own time limits. Five workers keep a 2-core machine busy without loading every
  // module in more workers than that (eight cost a fifth more CPU for the same wall time).
  maxWorkers: 5,
  verbose: false
}
