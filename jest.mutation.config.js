/**
 * Jest for `npm run test:mutation`: the direct tests. Stryker measures which test reaches which
 * mutant in-process; the end-to-end tests' children are beyond that measure and would cost minutes
 * per mutant on a 2-core machine, so they are left to `npm test`.
 */
import base from './jest.config.js'

// The direct tests need no bundle: the global setup then only makes the temporary folder.
process.env.ACTION_ENTRY ??= 'not-used-by-direct-tests'

/**
 * Whole in-process runs: each reaches nearly every mutant and takes seconds, and what they assert
 * of the mutated files the direct tests assert too. Left out by default; MUTATION_TESTS=all runs them.
 */
const WHOLE_RUNS = ['main', 'reporters']

// MUTATION_TESTS=history-wording,outcome-edges narrows a run to those direct tests (a lower bound of
// the score: a test left out could only kill more); MUTATION_TESTS=all runs every direct test.
const chosen = process.env.MUTATION_TESTS
const only = chosen && chosen !== 'all' ? chosen.split(',').map((name) => `<rootDir>/__tests__/${name.trim()}.test.ts`) : null
const skipped = chosen ? [] : WHOLE_RUNS.map((name) => `/__tests__/${name}\\.test\\.ts$`)

export default {
  ...base,
  ...(only ? { testMatch: only } : {}),
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/e2e/', ...skipped],
  maxWorkers: 1
}
