import { describe, expect, it } from '@jest/globals'
import { outputBytes } from '../src/util/format.js'
import { outputText, runOutputs, testCaseResultsJson } from '../src/report/outputs.js'
import { SUMMARY_OUTPUT_MAX_CHARS, renderSummaryOutput } from '../src/report/summary-output.js'
import { bigReport, report, testCase } from '../simulator/sample-reports.js'

describe('outputs', () => {
  it('count failed with internal_error and skipped with canceled', () => {
    const outputs = runOutputs(
      report([
        testCase(),
        testCase({ status: 'failed' }),
        testCase({ status: 'internal_error' }),
        testCase({ status: 'skipped' }),
        testCase({ status: 'canceled' })
      ])
    )
    expect(outputs).toMatchObject({ status: 'failed', 'exit-code': '1', total: '5', passed: '1', failed: '2', skipped: '2', flaky: '0' })
    const cases = JSON.parse(outputText(outputs['test-case-results'] ?? ''))
    expect(cases.map((c: { status: string }) => c.status)).toEqual(['failed', 'internal_error', 'canceled', 'skipped', 'passed'])
    expect(Object.keys(cases[0])).toEqual([
      'scenario_id',
      'scenario_name',
      'capability',
      'status',
      'duration_ms',
      'url',
      'flaky',
      'attempts',
      'review_needed',
      'history'
    ])
  })

  it('keep test-case-results valid JSON under its size cap, dropping the least important entries and counting them', () => {
    const big = bigReport(10_000)
    const json = testCaseResultsJson(big, 200_000)
    expect(outputBytes(json)).toBeLessThanOrEqual(200_000)
    const cases = JSON.parse(json) as { status: string }[]
    expect(cases.length).toBeGreaterThan(200)
    expect(cases.slice(0, 200).every((c) => c.status === 'failed')).toBe(true)
    expect(cases[cases.length - 1]).toEqual({ omitted: 10_000 - (cases.length - 1) })
  })

  it('keep as many entries as fit exactly, and the whole list when it fits exactly', () => {
    const r = report(Array.from({ length: 5 }, (_, i) => testCase({ status: i < 2 ? 'failed' : 'passed', scenarioName: `Case ${i}` })))
    const full = testCaseResultsJson(r, Infinity)
    expect(testCaseResultsJson(r, outputBytes(full))).toBe(full)
    const entries = JSON.parse(full) as object[]
    const three = JSON.stringify([...entries.slice(0, 3), { omitted: 2 }])
    expect(testCaseResultsJson(r, outputBytes(full) - 1)).toBe(JSON.stringify([...entries.slice(0, 4), { omitted: 1 }]))
    expect(testCaseResultsJson(r, outputBytes(three))).toBe(three)
    expect(testCaseResultsJson(r, outputBytes(three) - 1)).toBe(JSON.stringify([...entries.slice(0, 2), { omitted: 3 }]))
    expect(testCaseResultsJson(r, 1)).toBe(JSON.stringify([{ omitted: 5 }]))
  })

  it('give the run duration in whole seconds, and each result its review-needed flags', () => {
    const outputs = runOutputs(report([testCase({ reviewNeeded: 2 }), testCase()], { durationMs: 19_400 }))
    expect(outputs['duration-seconds']).toBe('19')
    expect(JSON.parse(outputText(outputs['test-case-results'] ?? '')).map((c: { review_needed: number }) => c.review_needed)).toEqual([
      2, 0
    ])
    expect(runOutputs(report([], { durationMs: null }))['duration-seconds']).toBeUndefined()
  })

  it('summarise the run in Markdown a chat takes: verdict, link, counts, failures with links', () => {
    const text = renderSummaryOutput(
      report([testCase({ status: 'failed', scenarioName: 'Pay *now*' }), testCase({ reviewNeeded: 1 }), testCase()], { durationMs: 19_400 })
    )
    expect(text.split('\n')).toEqual([
      '**❌ Autify: 1 of 3 test cases failed**',
      // A word joiner after `#` keeps GitHub from reading it as a cross-reference.
      '[Result \\#\u20601920728](https://app.autify.com/projects/743/results/1920728) · 19.4s',
      '2 passed · 1 failed · 1 to review',
      '',
      expect.stringMatching(/^- ❌ \[Pay \\\*now\\\*\]\(https:\/\/app\.autify\.com\/.+\) on Linux · Chrome 136\.0$/)
    ])
  })

  it('keep the summary within 4,000 characters however many failures, counting those left out', () => {
    const many = Array.from({ length: 300 }, (_, i) => testCase({ status: 'failed', scenarioName: `Failing journey number ${i}` }))
    const text = renderSummaryOutput(report(many))
    expect(text.length).toBeLessThanOrEqual(SUMMARY_OUTPUT_MAX_CHARS)
    const listed = text.split('\n').filter((l) => l.startsWith('- ❌')).length
    expect(listed).toBeGreaterThan(10)
    expect(text).toMatch(new RegExp(`- … ${300 - listed} more failures: \\[see the result in Autify\\]\\(https://`))
    expect(
      renderSummaryOutput(report(many.slice(0, 3)))
        .split('\n')
        .filter((l) => l.startsWith('- ❌'))
    ).toHaveLength(3)
  })
})
