/**
 * Jest for `npm run test:mutation`: the direct tests only. Stryker measures which test reaches which
 * mutant in-process; the end-to-end tests' children are beyond that measure and would cost minutes
 * per mutant on a 2-core machine, so they are left to `npm test`.
 */
import base from './jest.config.js'

// The direct tests need no bundle: the global setup then only makes the temporary folder.
process.env.ACTION_ENTRY ??= 'not-used-by-direct-tests'

// MUTATION_TESTS=history-wording,outcome-edges narrows a run to the direct tests that reach the
// files mutated (a lower bound of the score: a test left out could only kill more).
const only = process.env.MUTATION_TESTS?.split(',').map((name) => `<rootDir>/__tests__/${name.trim()}.test.ts`)

export default {
  ...base,
  ...(only ? { testMatch: only } : {}),
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/e2e/'],
  maxWorkers: 1
}
