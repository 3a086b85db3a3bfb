/**
 * The edges of the rules that decide an outcome, one assertion per edge, so that a changed
 * comparison or a dropped guard in them fails a test (what `npm run test:mutation` measures).
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { ApiResult } from '../src/autify/api-types.js'
import { PollSchedule } from '../src/autify/poll-schedule.js'
import { outcomesByTest } from '../src/autify/read-history.js'
import { capabilityInfo, testKey } from '../src/autify/test-cases.js'
import type { TestCaseHistory } from '../src/model.js'
import { HISTORY_RUNS, classifyHistory, historyOf, needsHistory, withHistory } from '../src/report/classify-history.js'
import {
  LONG_OUTPUTS,
  OUTPUT_BUDGET_BYTES,
  OUTPUT_NAMES,
  SHORT_OUTPUT_MAX_BYTES,
  StepOutputs,
  outputText,
  runOutputs
} from '../src/report/outputs.js'
import { outputBytes } from '../src/util/format.js'
import { commentSaysFailing, conclusionOf, isKnownFailure, knownFailuresWarning, newFailures, verdictOf } from '../src/report/verdict.js'
import { historyText } from '../src/report/history-text.js'
import { report, testCase } from '../simulator/sample-reports.js'

const history = (kind: TestCaseHistory['kind']): TestCaseHistory => ({ kind, runs: 5, failures: 1, streak: 0, since: null })
const known = (fields = {}) => testCase({ status: 'failed', history: history('still-failing'), ...fields })
const failOnNew = (cases: ReturnType<typeof testCase>[], fields = {}) => report(cases, { failOn: 'new', history: { runs: 5 }, ...fields })

describe('known and new failures', () => {
  it('a failure is known when it is still failing or unstable, never when new, flaky or without a history', () => {
    expect(isKnownFailure(testCase({ status: 'failed', history: history('still-failing') }))).toBe(true)
    expect(isKnownFailure(testCase({ status: 'internal_error', history: history('unstable') }))).toBe(true)
    expect(isKnownFailure(testCase({ status: 'failed', history: history('new') }))).toBe(false)
    expect(isKnownFailure(testCase({ status: 'failed', history: history('flaky') }))).toBe(false)
    expect(isKnownFailure(testCase({ status: 'failed', history: null }))).toBe(false)
    expect(isKnownFailure(testCase({ status: 'failed' }))).toBe(false)
  })

  it('a pass is never a known failure nor a new one, whatever its history', () => {
    const pass = testCase({ status: 'passed', history: history('unstable') })
    expect(isKnownFailure(pass)).toBe(false)
    expect(newFailures(report([pass, testCase({ status: 'skipped' })]))).toEqual([])
    const fresh = testCase({ status: 'failed' })
    expect(newFailures(report([pass, known(), fresh]))).toEqual([fresh])
  })
})

describe('verdictOf', () => {
  it('lets a run that is passed, started or still running pass', () => {
    for (const outcome of ['passed', 'started', 'running'] as const) {
      expect(verdictOf(report([testCase({ status: 'failed' })], { outcome, note: 'a note' }))).toBeNull()
    }
  })

  it('fails with the count of failures, or the status when nothing failed', () => {
    const r = report([testCase({ status: 'failed' }), testCase()])
    expect(verdictOf(r)).toBe(`1 of 2 Autify test case results failed: ${r.resultUrl}`)
    expect(verdictOf({ ...r, failOn: 'any' })).toBe(`1 of 2 Autify test case results failed: ${r.resultUrl}`)
    const none = report([testCase()], { outcome: 'failed', status: 'internal_error' })
    expect(verdictOf(none)).toBe(`The Autify run ended as 'internal_error': ${none.resultUrl}`)
  })

  it('with fail-on: new counts only new failures, and says when the history was unavailable', () => {
    const r = failOnNew([known(), testCase({ status: 'failed' }), testCase({ status: 'failed' })])
    expect(verdictOf(r)).toBe(`2 new of 3 failed Autify test case results (fail-on: new): ${r.resultUrl}`)
    expect(verdictOf(failOnNew([known()]))).toBeNull()
    const unavailable = failOnNew([testCase({ status: 'failed' })], { history: { runs: 0, unavailable: 'why' } })
    expect(verdictOf(unavailable)).toBe(
      `1 new of 1 failed Autify test case results (fail-on: new): ${unavailable.resultUrl} The failure history was unavailable, so every failure counts as new.`
    )
  })

  it('with fail-on: new and no history read, counts every failure as new without blaming the history', () => {
    const r = report([testCase({ status: 'failed' })], { failOn: 'new' })
    expect(verdictOf(r)).toBe(`1 new of 1 failed Autify test case results (fail-on: new): ${r.resultUrl}`)
    expect(verdictOf({ ...r, history: null })).toBe(`1 new of 1 failed Autify test case results (fail-on: new): ${r.resultUrl}`)
  })

  it('gives the note of a run that did not end, or says it did not finish', () => {
    expect(verdictOf(report([], { outcome: 'error', note: 'Token rejected.' }))).toBe('Token rejected.')
    const r = report([], { outcome: 'error', note: null })
    expect(verdictOf(r)).toBe(`The Autify run did not finish: ${r.resultUrl}`)
  })
})

describe('conclusionOf', () => {
  it('is success only for a pass, neutral for known failures only, and names a cancel and a timeout', () => {
    expect(conclusionOf(report([testCase()]))).toBe('success')
    expect(conclusionOf(failOnNew([known()]))).toBe('neutral')
    expect(conclusionOf(report([testCase({ status: 'failed' })]))).toBe('failure')
    expect(conclusionOf(report([], { outcome: 'cancelled', note: 'x' }))).toBe('cancelled')
    expect(conclusionOf(report([], { outcome: 'timed-out', note: 'x' }))).toBe('timed_out')
    expect(conclusionOf(report([], { outcome: 'error', note: 'x' }))).toBe('failure')
    // A run that started (no wait) lets the step pass but does not pass the check.
    expect(conclusionOf(report([], { outcome: 'started' }))).toBe('failure')
    expect(conclusionOf(report([], { outcome: 'running' }))).toBe('failure')
  })
})

describe('commentSaysFailing', () => {
  it('is false for a clean pass, true when the step fails or failures were let pass', () => {
    expect(commentSaysFailing(report([testCase()]))).toBe(false)
    expect(commentSaysFailing(failOnNew([known()]))).toBe(true)
    expect(commentSaysFailing(report([], { outcome: 'error', note: 'x' }))).toBe(true)
  })
})

describe('knownFailuresWarning', () => {
  it('is null when the step fails, when the run did not fail, or when no failure is known', () => {
    expect(knownFailuresWarning(failOnNew([known(), testCase({ status: 'failed' })]))).toBeNull()
    expect(knownFailuresWarning(report([known()], { outcome: 'passed', failOn: 'new' }))).toBeNull()
    expect(knownFailuresWarning(report([known()], { outcome: 'running', failOn: 'new' }))).toBeNull()
    expect(knownFailuresWarning(report([testCase()]))).toBeNull()
  })

  it('counts and names the known failures only, never a pass beside them', () => {
    const warning = knownFailuresWarning(failOnNew([testCase({ scenarioName: 'Fine' }), known({ scenarioName: 'Old' })])) ?? ''
    expect(warning).toMatch(/^1 failure known from earlier runs did not fail the step \(fail-on: new\): Old on /)
    expect(warning).not.toContain('Fine')
  })

  it('is null when the counts say failed but no test case is a known failure', () => {
    const inconsistent = failOnNew([testCase()], { outcome: 'failed', counts: { ...report([]).counts, failed: 1, total: 1 } })
    expect(verdictOf(inconsistent)).toBeNull()
    expect(knownFailuresWarning(inconsistent)).toBeNull()
  })

  it('names the first `shown` known failures and marks that there are more', () => {
    const cases = Array.from({ length: 6 }, (_, i) => known({ scenarioName: `Old ${i + 1}` }))
    const six = knownFailuresWarning(failOnNew(cases)) ?? ''
    expect(six).toMatch(/^6 failures known from earlier runs did not fail the step \(fail-on: new\): Old 1 on /)
    expect(six).toContain('Old 5 on')
    expect(six).not.toContain('Old 6')
    expect(six.endsWith('; …')).toBe(true)
    expect(six.split('; ')).toHaveLength(6)
    const five = knownFailuresWarning(failOnNew(cases.slice(0, 5))) ?? ''
    expect(five).toContain('Old 5 on')
    expect(five).not.toContain('…')
    expect(five.endsWith(`Old 5 on ${cases[4].capability.label} — ${historyText(history('still-failing'))}`)).toBe(true)
    expect(knownFailuresWarning(failOnNew(cases), 2)?.split('; ')).toHaveLength(3)
  })
})

describe('the failure history, classified', () => {
  const o = (resultId: number, status: 'passed' | 'failed' | 'internal_error') => ({ resultId, url: `u${resultId}`, status })

  it('looks at the last five runs only', () => {
    expect(HISTORY_RUNS).toBe(5)
    const earlier = [o(9, 'passed'), o(8, 'passed'), o(7, 'passed'), o(6, 'passed'), o(5, 'passed'), o(4, 'failed'), o(3, 'failed')]
    expect(classifyHistory(earlier)).toEqual({ kind: 'new', runs: 5, failures: 0, streak: 0, since: null })
    const failing = [o(9, 'failed'), o(8, 'failed'), o(7, 'failed'), o(6, 'failed'), o(5, 'failed'), o(4, 'failed')]
    expect(classifyHistory(failing)).toEqual({
      kind: 'still-failing',
      runs: 5,
      failures: 5,
      streak: 5,
      since: { resultId: 5, url: 'u5' }
    })
  })

  it('counts internal errors as failures; an earlier failure after a pass is unstable', () => {
    expect(classifyHistory([o(3, 'internal_error'), o(2, 'passed'), o(1, 'failed')])).toEqual({
      kind: 'still-failing',
      runs: 3,
      failures: 2,
      streak: 1,
      since: { resultId: 3, url: 'u3' }
    })
    expect(classifyHistory([o(3, 'passed'), o(2, 'failed'), o(1, 'failed')])).toEqual({
      kind: 'unstable',
      runs: 3,
      failures: 2,
      streak: 0,
      since: null
    })
    expect(classifyHistory([])).toEqual({ kind: 'new', runs: 0, failures: 0, streak: 0, since: null })
  })

  it('shows a history for failures, flaky passes and passes that failed lately, nothing for the rest', () => {
    const earlier = [o(3, 'failed'), o(2, 'passed')]
    expect(historyOf(testCase({ status: 'failed' }), [])).toEqual({ kind: 'new', runs: 0, failures: 0, streak: 0, since: null })
    expect(historyOf(testCase({ status: 'passed', flaky: true }), earlier)).toEqual({
      kind: 'flaky',
      runs: 2,
      failures: 1,
      streak: 0,
      since: null
    })
    expect(historyOf(testCase({ status: 'passed' }), earlier)).toEqual({ kind: 'unstable', runs: 2, failures: 1, streak: 0, since: null })
    expect(historyOf(testCase({ status: 'passed' }), [o(2, 'passed')])).toBeNull()
    expect(historyOf(testCase({ status: 'skipped' }), earlier)).toBeNull()
  })

  it('gives each test case its own history', () => {
    const a = testCase({ status: 'failed' })
    const b = testCase({ status: 'failed' })
    const cases = withHistory([a, b], (c) => (c === a ? [o(1, 'failed')] : []))
    expect(cases.map((c) => c.history?.kind)).toEqual(['still-failing', 'new'])
    expect(cases[0]).toMatchObject({ scenarioId: a.scenarioId, status: 'failed' })
  })

  it('is read when anything failed or was flaky, even next to passes, and not for a clean run', () => {
    expect(needsHistory([testCase(), testCase({ status: 'failed' })])).toBe(true)
    expect(needsHistory([testCase(), testCase({ status: 'internal_error' })])).toBe(true)
    expect(needsHistory([testCase(), testCase({ flaky: true })])).toBe(true)
    expect(needsHistory([testCase(), testCase({ status: 'skipped' })])).toBe(false)
    expect(needsHistory([])).toBe(false)
  })
})

describe('outcomesByTest', () => {
  const capability = { os: 'Linux', browser: 'Chrome', browser_version: '136.0' }
  const result = (id: number, cases: { scenario: number; status: string; url?: string }[]) =>
    ({
      id,
      status: 'failed',
      finished_at: '2026-11-24T09:10:00Z',
      test_plan_capability_results: [
        {
          capability,
          test_case_results: cases.map((c, i) => ({
            id: id * 100 + i,
            test_case_id: c.scenario,
            status: c.status,
            project_url: c.url ?? null
          }))
        }
      ]
    }) as unknown as ApiResult
  const key = (scenario: number) => testKey(scenario, capabilityInfo(capability).key)

  it('keeps passes and failures, one per run, newest first, with the page of each', () => {
    const byTest = outcomesByTest(
      [
        result(3, [
          { scenario: 1, status: 'failed', url: 'https://app.autify.com/t/31' },
          { scenario: 1, status: 'passed' },
          { scenario: 2, status: 'skipped' }
        ]),
        result(2, [
          { scenario: 1, status: 'internal_error' },
          { scenario: 2, status: 'canceled' }
        ]),
        result(1, [
          { scenario: 1, status: 'passed' },
          { scenario: 2, status: 'passed' }
        ])
      ],
      (id) => `https://app.autify.com/r/${id}`
    )
    expect([...byTest.keys()].length).toBeLessThanOrEqual(2)
    expect(byTest.get(key(1))).toEqual([
      { resultId: 3, url: 'https://app.autify.com/t/31', status: 'failed' },
      { resultId: 2, url: 'https://app.autify.com/r/2', status: 'internal_error' },
      { resultId: 1, url: 'https://app.autify.com/r/1', status: 'passed' }
    ])
    expect(byTest.get(key(2))).toEqual([{ resultId: 1, url: 'https://app.autify.com/r/1', status: 'passed' }])
  })
})

describe('PollSchedule edges', () => {
  it('grows the gap by 1.6 from the first poll, never below it, up to the interval', () => {
    const schedule = new PollSchedule({ intervalMs: 10_000 })
    const gaps = Array.from({ length: 7 }, (_, polls) => schedule.nextDelay({ elapsedMs: 0, polls, prediction: null }))
    expect(gaps).toEqual([1000, 1600, 2560, 4096, 6553.6, 10_000, 10_000])
    const custom = new PollSchedule({ intervalMs: 10_000, firstPollMs: 500, growth: 2 })
    expect([0, 1, 2].map((polls) => custom.nextDelay({ elapsedMs: 0, polls, prediction: null }))).toEqual([500, 1000, 2000])
    const capped = new PollSchedule({ intervalMs: 300, firstPollMs: 5000, densePollMs: 5000 })
    expect(capped.nextDelay({ elapsedMs: 0, polls: 0, prediction: null })).toBe(300)
    expect(capped.nextDelay({ elapsedMs: 0, polls: 1, prediction: { endMs: 10_000, spreadMs: 0 } })).toBe(300)
    expect(capped.nextDelay({ elapsedMs: 0, polls: 2, prediction: { endMs: 100, spreadMs: 0 } })).toBe(200)
  })

  it('waits at least 200 ms for a prediction about to come true, and polls densely for max(3 s, twice the spread) past it', () => {
    const schedule = new PollSchedule({ intervalMs: 30_000, densePollMs: 700 })
    const prediction = { endMs: 10_000, spreadMs: 2000 }
    expect(schedule.nextDelay({ elapsedMs: 0, polls: 0, prediction })).toBe(1000)
    expect(schedule.nextDelay({ elapsedMs: 9950, polls: 1, prediction })).toBe(200)
    expect(schedule.nextDelay({ elapsedMs: 9500, polls: 2, prediction })).toBe(500)
    expect(schedule.nextDelay({ elapsedMs: 10_000, polls: 3, prediction })).toBe(700)
    expect(schedule.nextDelay({ elapsedMs: 14_000, polls: 4, prediction })).toBe(700)
    // Past 10 s + 4 s the prediction is given up: the gap grows again from the dense gap.
    expect(schedule.nextDelay({ elapsedMs: 14_001, polls: 5, prediction })).toBe(1120)
    const short = new PollSchedule({ intervalMs: 30_000 })
    const quick = { endMs: 10_000, spreadMs: 100 }
    short.nextDelay({ elapsedMs: 0, polls: 0, prediction: quick })
    expect(short.nextDelay({ elapsedMs: 13_000, polls: 1, prediction: quick })).toBe(1000)
    expect(short.nextDelay({ elapsedMs: 13_001, polls: 2, prediction: quick })).toBe(1600)
  })
})

describe('StepOutputs', () => {
  it('writes each output at once and again only when its value changes', () => {
    const written: string[] = []
    const outputs = new StepOutputs((name, value) => written.push(`${name}=${value}`))
    outputs.set('result-id', 1920728)
    outputs.set('result-id', '1920728')
    outputs.setAll({ status: 'passed', total: undefined, 'result-id': '1920728' })
    outputs.set('result-id', 2)
    expect(written).toEqual(['result-id=1920728', 'status=passed', 'result-id=2'])
    expect(outputs.get('status')).toBe('passed')
    expect(outputs.get('total')).toBeUndefined()
  })

  describe('one budget for all of them', () => {
    const capOf = (name: string) => LONG_OUTPUTS.find((o) => o.name === name)!.maxBytes
    const shortReserve = (OUTPUT_NAMES.length - LONG_OUTPUTS.length) * SHORT_OUTPUT_MAX_BYTES
    const given = (outputs: StepOutputs, name: 'summary' | 'test-case-results' | 'exported-variables' | 'log') => {
      let room = -1
      outputs.set(name, (maxBytes) => {
        room = maxBytes
        return 'x'.repeat(Math.floor(maxBytes / 2))
      })
      return room
    }

    it('gives each long output its cap while the budget allows, the rest to the last, and never more than the budget', () => {
      const outputs = new StepOutputs(() => {})
      expect(given(outputs, 'summary')).toBe(capOf('summary'))
      expect(given(outputs, 'test-case-results')).toBe(capOf('test-case-results'))
      expect(given(outputs, 'exported-variables')).toBe(capOf('exported-variables'))
      const logRoom = given(outputs, 'log')
      expect(logRoom).toBe(OUTPUT_BUDGET_BYTES - shortReserve - capOf('summary') - capOf('test-case-results') - capOf('exported-variables'))
      const total = LONG_OUTPUTS.reduce((sum, o) => sum + outputBytes(outputs.get(o.name) ?? ''), shortReserve)
      expect(total).toBe(OUTPUT_BUDGET_BYTES)
    })

    it('lets the log use what test-case-results leaves, and keeps the cap of an output above it that is not set yet', () => {
      const outputs = new StepOutputs(() => {})
      const early = given(outputs, 'log')
      expect(early).toBe(OUTPUT_BUDGET_BYTES - shortReserve - capOf('summary') - capOf('test-case-results') - capOf('exported-variables'))
      expect(given(outputs, 'test-case-results')).toBe(capOf('test-case-results'))
      outputs.set('test-case-results', '[]')
      outputs.set('exported-variables', '[]')
      outputs.set('summary', 'short')
      expect(given(outputs, 'log')).toBe(OUTPUT_BUDGET_BYTES - shortReserve - 2 * outputBytes('[]') - outputBytes('short'))
    })

    it('are the caps action.yml documents (the log: what the others leave at most)', () => {
      const metadata = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
      const described = (name: string) => metadata.match(new RegExp(`\\n  ${name}:\\n    description: (.*)`))?.[1] ?? ''
      const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`
      const logMinimum = LONG_OUTPUTS.slice(0, -1).reduce((left, o) => left - o.maxBytes, OUTPUT_BUDGET_BYTES - shortReserve)
      expect(LONG_OUTPUTS.at(-1)!.name).toBe('log')
      expect(described('log')).toContain(`within ${bytes(OUTPUT_BUDGET_BYTES)}`)
      expect(described('log')).toContain(`at least ${bytes(logMinimum)}`)
      expect(described('test-case-results')).toContain(`At most ${bytes(capOf('test-case-results'))}`)
      expect(described('exported-variables')).toContain(`At most ${bytes(capOf('exported-variables'))}`)
      expect(described('check-run-url')).toContain(`at most ${bytes(SHORT_OUTPUT_MAX_BYTES)}`)
    })

    it('cuts a short output, and a long one given as text, to the room it has', () => {
      const written: string[] = []
      const outputs = new StepOutputs((name, value) => written.push(`${name}=${value.length}`))
      outputs.set('check-run-url', 'h'.repeat(SHORT_OUTPUT_MAX_BYTES))
      expect(outputBytes(outputs.get('check-run-url')!)).toBeLessThanOrEqual(SHORT_OUTPUT_MAX_BYTES)
      expect(outputs.get('check-run-url')!.endsWith('…')).toBe(true)
      outputs.set('summary', '決'.repeat(5000))
      expect(outputBytes(outputs.get('summary')!)).toBeLessThanOrEqual(capOf('summary'))
      expect(written).toEqual(['check-run-url=999', 'summary=4000'])
    })
  })

  it('set the exit code, new failures, credits and history of each result', () => {
    const r = failOnNew([known({ history: { ...history('still-failing'), since: { resultId: 7, url: 'u7' } } }), testCase()], {
      credits: { total: 3 }
    })
    const values = runOutputs(r)
    expect(values).toMatchObject({ 'exit-code': '0', 'new-failures': '0', 'credits-consumed': '3' })
    expect(JSON.parse(outputText(values['test-case-results'] ?? ''))[0].history).toEqual({
      kind: 'still-failing',
      runs: 5,
      failures: 1,
      streak: 0,
      since_result_id: 7,
      baseline: null
    })
    expect(JSON.parse(outputText(values['test-case-results'] ?? ''))[1].history).toBeNull()
    const fresh = runOutputs(failOnNew([testCase({ status: 'failed', history: history('new') })]))
    expect(fresh).toMatchObject({ 'exit-code': '1', 'new-failures': '1', 'credits-consumed': '0' })
    expect(JSON.parse(outputText(fresh['test-case-results'] ?? ''))[0].history.since_result_id).toBeNull()
  })
})
