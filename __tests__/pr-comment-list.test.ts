import { describe, expect, it } from '@jest/globals'
import { renderPrComment } from '../src/report/pr-comment.js'
import { report, testCase } from '../simulator/sample-reports.js'

const run = report([testCase({ status: 'failed', scenarioName: 'Pay' }), testCase({ scenarioName: 'Sign in' })])
const comment = (listTests: 'all' | 'failures' | 'none') =>
  renderPrComment(run, { checkName: 'Autify', runUrl: null, sha: null, listTests })

describe('the pull-request comment follows list-tests', () => {
  it('failures: the failures, not the passes', () => {
    expect(comment('failures')).toMatch(/^\| ❌ Failed \| \[Pay\]\(/m)
    expect(comment('failures')).not.toContain('Sign in')
  })

  it('all: also every test case, folded', () => {
    expect(comment('all')).toContain('<details><summary>Every test case (2)</summary>')
    expect(comment('all')).toMatch(/^\| ✅ Passed \| \[Sign in\]\(/m)
  })

  it('none: the counts only', () => {
    expect(comment('none')).not.toContain('Pay')
    expect(comment('none')).toContain('| 1 | 1 | 0 | 2 |')
  })
})
