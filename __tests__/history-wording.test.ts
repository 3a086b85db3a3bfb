import { describe, expect, it } from '@jest/globals'
import type { TestCaseHistory } from '../src/model.js'
import { classifyHistory, historyOf } from '../src/report/classify-history.js'
import { historyMarkdown, historyText } from '../src/report/history-text.js'
import { historyHeadline } from '../src/report/summary.js'
import { commentSaysFailing, conclusionOf, isKnownFailure, knownFailuresWarning, verdictOf } from '../src/report/verdict.js'
import { report, testCase } from '../simulator/sample-reports.js'

const since = { resultId: 1920650, url: 'https://app.autify.com/projects/743/results/1920650' }
const history = (fields: Partial<TestCaseHistory>): TestCaseHistory => ({
  kind: 'new',
  runs: 5,
  failures: 0,
  streak: 0,
  since: null,
  ...fields
})
const outcome = (resultId: number, status: 'passed' | 'failed') => ({ resultId, url: `u${resultId}`, status })

describe('history wording', () => {
  it.each<[Partial<TestCaseHistory>, string]>([
    [{ kind: 'new', runs: 5 }, 'new failure: passed in each of the last 5 runs'],
    [{ kind: 'new', runs: 1 }, 'new failure: passed in the last run'],
    [{ kind: 'new', runs: 0 }, 'new: no earlier run to compare'],
    [{ kind: 'still-failing', runs: 5, failures: 1, streak: 1, since }, 'still failing: also failed in the last run, #1920650'],
    [{ kind: 'still-failing', runs: 5, failures: 2, streak: 2, since }, 'still failing: failed in each of the last 2 runs, since #1920650'],
    [{ kind: 'unstable', runs: 5, failures: 2 }, 'unstable: failed 2 of the last 5 runs'],
    [{ kind: 'flaky', runs: 3, failures: 0 }, 'flaky: passed on a retry; passed in each of the last 3 runs'],
    [{ kind: 'flaky', runs: 3, failures: 1 }, 'flaky: passed on a retry; failed 1 of the last 3 runs'],
    [{ kind: 'flaky', runs: 1, failures: 1 }, 'flaky: passed on a retry; failed in the last run'],
    [{ kind: 'flaky', runs: 0 }, 'flaky: passed on a retry; no earlier run to compare']
  ])('%p reads "%s"', (fields, text) => {
    expect(historyText(history(fields))).toBe(text)
    expect(historyText(history(fields))).not.toMatch(/\(|in a row|before this one/)
  })

  it('marks a flaky pass as flaky in a table cell', () => {
    expect(historyMarkdown(history({ kind: 'flaky', runs: 3 }))).toBe('🔁 flaky: passed on a retry; passed in each of the last 3 runs')
  })
})

describe('classification', () => {
  it('a flaky pass is flaky, never a new failure, and never known', () => {
    const flaky = testCase({ status: 'passed', flaky: true })
    const earlier = [outcome(3, 'passed'), outcome(2, 'passed'), outcome(1, 'passed')]
    expect(historyOf(flaky, earlier)).toMatchObject({ kind: 'flaky', runs: 3, failures: 0 })
    expect(historyOf(flaky, [outcome(3, 'failed')])).toMatchObject({ kind: 'flaky', runs: 1, failures: 1, since: null })
    expect(isKnownFailure({ ...flaky, history: historyOf(flaky, [outcome(3, 'failed')]) })).toBe(false)
  })

  it('a failure that failed in the last two runs is still failing since the older one', () => {
    expect(classifyHistory([outcome(3, 'failed'), outcome(2, 'failed'), outcome(1, 'passed')])).toMatchObject({
      kind: 'still-failing',
      streak: 2,
      since: { resultId: 2 }
    })
  })
})

describe('failure semantics', () => {
  const known = testCase({
    status: 'failed',
    scenarioName: 'Old',
    history: history({ kind: 'still-failing', streak: 2, failures: 2, since })
  })
  const fresh = testCase({ status: 'failed', scenarioName: 'New', history: history({ kind: 'new' }) })

  it('fail-on: new lets known failures pass: neutral check run, a comment that still speaks of failures, one plain warning', () => {
    const r = { ...report([known]), outcome: 'failed' as const, failOn: 'new' as const, history: { runs: 5 } }
    expect(verdictOf(r)).toBeNull()
    expect(conclusionOf(r)).toBe('neutral')
    expect(commentSaysFailing(r)).toBe(true)
    const warning = knownFailuresWarning(r)
    expect(warning).toContain('1 failure known from earlier runs did not fail the step (fail-on: new): Old on Linux · Chrome')
    expect(warning).toContain('still failing: failed in each of the last 2 runs, since #1920650')
    expect(warning).not.toContain('((')
    const long = { ...r, testCases: [{ ...known, scenarioName: 'x'.repeat(5000) }] }
    expect(knownFailuresWarning(long)).toContain(`${'x'.repeat(299)}… on Linux`)
  })

  it('a new failure fails the step with fail-on: new', () => {
    const r = { ...report([known, fresh]), outcome: 'failed' as const, failOn: 'new' as const, history: { runs: 5 } }
    expect(verdictOf(r)).toMatch(/^1 new of 2 failed/)
    expect(conclusionOf(r)).toBe('failure')
    expect(knownFailuresWarning(r)).toBeNull()
  })

  it('an unavailable history: every failure is new, the verdict and the summary say so', () => {
    const r = {
      ...report([testCase({ status: 'failed' })]),
      outcome: 'failed' as const,
      failOn: 'new' as const,
      history: { runs: 0, unavailable: 'the results list could not be read' }
    }
    expect(verdictOf(r)).toContain('The failure history was unavailable, so every failure counts as new.')
    expect(historyHeadline(r)).toBe(
      'history unavailable (the results list could not be read): every failure counts as new and fails the step (`fail-on: new`)'
    )
  })
})
