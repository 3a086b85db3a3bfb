import { describe, expect, it } from '@jest/globals'
import { runOutputs, testCaseResultsJson } from '../src/report/outputs.js'
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
    const cases = JSON.parse(outputs['test-case-results'] ?? '')
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
      'history'
    ])
  })

  it('keep test-case-results valid JSON under its size cap, dropping the least important entries and counting them', () => {
    const big = bigReport(10_000)
    const json = testCaseResultsJson(big, 100_000)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(100_000)
    const cases = JSON.parse(json) as { status: string }[]
    expect(cases.length).toBeGreaterThan(200)
    expect(cases.slice(0, 200).every((c) => c.status === 'failed')).toBe(true)
    expect(cases[cases.length - 1]).toEqual({ omitted: 10_000 - (cases.length - 1) })
  })
})
