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
  setupFiles: ['<rootDir>/__tests__/neutral-stdout.js'],
  // Jest's cache beside the test bundle's, not in the system temp directory the suite leaves as found.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  testTimeout: 60_000,
  // The end-to-end tests mostly wait on child processes, loopback HTTP and real timers: eight
  // workers keep a 2-core machine busy (Jest's default there is one; with four the suite took 92 s,
  // with eight 53 s, the CPU still not saturated).
  maxWorkers: 8,
  verbose: false
}
