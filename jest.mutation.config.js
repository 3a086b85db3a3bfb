/**
 * Jest for `npm run test:mutation`: the direct tests only. Stryker measures which test reaches which
 * mutant in-process; the end-to-end tests' children are beyond that measure and would cost minutes
 * per mutant on a 2-core machine, so they are left to `npm test`.
 */
import base from './jest.config.js'

// The direct tests need no bundle: the global setup then only makes the temporary folder.
process.env.ACTION_ENTRY ??= 'not-used-by-direct-tests'

export default { ...base, testPathIgnorePatterns: ['/node_modules/', '/__tests__/e2e/'], maxWorkers: 1 }
