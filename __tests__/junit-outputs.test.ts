import { describe, expect, it } from '@jest/globals'
import { outputBytes } from '../src/util/format.js'
import { exportedVariablesJson, outputText, runOutputs, testCaseResultsJson } from '../src/report/outputs.js'
import { apiShapes } from '../src/autify/api-types.js'
import { testCasesOf } from '../src/autify/test-cases.js'
import { parseShape } from '../src/util/shape.js'
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

  it('hand on what each test case exported, in order, [] when nothing, cut to fit with {"omitted": N}', () => {
    expect(outputText(runOutputs(report([testCase(), testCase()]))['exported-variables']!)).toBe('[]')
    const r = report([
      testCase({ scenarioId: 1, exports: [{ key: 'ORDER_ID', value: 'A-1' }] }),
      testCase({ scenarioId: 2 }),
      testCase({
        scenarioId: 3,
        exports: [
          { key: 'USER', value: 'u@example.com' },
          { key: 'EMPTY', value: null }
        ]
      })
    ])
    const full = exportedVariablesJson(r)
    const entries = JSON.parse(full) as { scenario_id: number; key: string; value: string | null; capability: string }[]
    expect(entries.map((e) => [e.scenario_id, e.key, e.value])).toEqual([
      [1, 'ORDER_ID', 'A-1'],
      [3, 'USER', 'u@example.com'],
      [3, 'EMPTY', null]
    ])
    expect(entries[0].capability).toBe(r.testCases[0].capability.label)
    expect(exportedVariablesJson(r, outputBytes(full))).toBe(full)
    expect(exportedVariablesJson(r, outputBytes(full) - 1)).toBe(JSON.stringify([...entries.slice(0, 2), { omitted: 1 }]))
    expect(exportedVariablesJson(r, 1)).toBe(JSON.stringify([{ omitted: 3 }]))
  })

  it("read export_variables from Autify's answer leniently: an entry without a text key is left out", () => {
    const result = parseShape(apiShapes.result, {
      id: 5,
      status: 'passed',
      test_plan_capability_results: [
        {
          capability: { os: 'Linux', browser: 'Chrome' },
          test_case_results: [
            {
              id: 10,
              test_case_id: 7,
              status: 'passed',
              export_variables: [{ key: 'A', value: 'x' }, { key: 'N', value: 3 }, { value: 'no key' }, null, { key: 'O', value: {} }]
            },
            { id: 11, test_case_id: 8, status: 'passed', export_variables: 'not a list' }
          ]
        }
      ]
    })
    const cases = testCasesOf(result, { projectId: 743, webUrl: 'https://app.autify.com', nameOf: String })
    expect(cases.map((c) => c.exports)).toEqual([
      [
        { key: 'A', value: 'x' },
        { key: 'N', value: '3' },
        { key: 'O', value: null }
      ],
      undefined
    ])
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
