import { describe, expect, it } from '@jest/globals'
import { ANNOTATION_LIMITS, WORKFLOW_COMMAND_LIMIT, toAnnotations, toWorkflowCommands } from '../src/report/annotations.js'
import { chunk } from '../src/github/check-run.js'
import { report, testCase } from '../simulator/sample-reports.js'

const at = { path: '.github/workflows/e2e.yml', line: 12 }
const everything = { annotatePasses: true }
const quiet = { annotatePasses: false }

describe('annotations', () => {
  it('one per test case result with the level its status calls for', () => {
    const annotations = toAnnotations(
      report([
        testCase({ status: 'passed' }),
        testCase({ status: 'failed' }),
        testCase({ status: 'internal_error' }),
        testCase({ status: 'skipped' }),
        testCase({ status: 'canceled' }),
        testCase({ status: 'passed', reviewNeeded: 1 })
      ]),
      at,
      everything
    )
    expect(annotations.map((a) => a.annotation_level)).toEqual(['failure', 'failure', 'warning', 'warning', 'warning', 'notice'])
    expect(annotations[0]).toMatchObject({ path: at.path, start_line: 12, end_line: 12 })
    expect(annotations[0].message).toMatch(/^Scenario \d+ failed on Linux · Chrome 136\.0 in 1\.2s\.\nResult: https:\/\/app\.autify\.com\//)
  })

  it('leave plain passes out unless asked: failures, flaky, skipped and review-needed results stay', () => {
    const cases = [
      testCase({ status: 'passed', scenarioName: 'Plain pass' }),
      testCase({ status: 'failed' }),
      testCase({ status: 'skipped' }),
      testCase({ status: 'passed', reviewNeeded: 1 }),
      testCase({ status: 'passed', flaky: true })
    ]
    const annotations = toAnnotations(report(cases), at, quiet)
    expect(annotations.map((a) => a.annotation_level)).toEqual(['failure', 'warning', 'warning', 'warning'])
    expect(annotations.some((a) => a.title.includes('Plain pass'))).toBe(false)
    expect(toAnnotations(report(cases), at, everything)).toHaveLength(5)
  })

  it('are clipped to the Checks API limits exactly at the boundary', () => {
    const exact = 'x'.repeat(ANNOTATION_LIMITS.title)
    const [fits] = toAnnotations(report([testCase({ scenarioName: exact })]), at, everything)
    expect(fits.title.length).toBe(ANNOTATION_LIMITS.title)
    // A long name is cut at 300 characters (shownName); a long capability label reaches the limits.
    const label = 'y'.repeat(70_000)
    const [long] = toAnnotations(report([testCase({ capability: { ...testCase().capability, label } })]), at, everything)
    expect(long.title.length).toBe(ANNOTATION_LIMITS.title)
    expect(long.message.length).toBe(ANNOTATION_LIMITS.message)
    expect(long.title.endsWith('…')).toBe(true)
    const [named] = toAnnotations(report([testCase({ scenarioName: 'z'.repeat(70_000) })]), at, everything)
    expect(named.message.startsWith(`${'z'.repeat(299)}… passed on `)).toBe(true)
  })

  it('say flaky and list the attempts', () => {
    const url1 = 'https://app.autify.com/projects/743/results/1/capabilities/1/scenarios/1'
    const url2 = 'https://app.autify.com/projects/743/results/2/capabilities/1/scenarios/2'
    const [a] = toAnnotations(
      report([
        testCase({
          flaky: true,
          attempts: [
            { resultId: 1, testCaseResultId: 1, status: 'failed', durationMs: 1000, url: url1, reviewNeeded: 0 },
            { resultId: 2, testCaseResultId: 2, status: 'passed', durationMs: 900, url: url2, reviewNeeded: 0 }
          ]
        })
      ]),
      at,
      quiet
    )
    expect(a.title).toMatch(/^Passed \(flaky\): /)
    expect(a.annotation_level).toBe('warning')
    expect(a.message).toContain('Flaky: did not pass at first and passed on attempt 2.')
    expect(a.raw_details).toBe(`Attempt 1: failed 1.0s ${url1}\nAttempt 2: passed 900ms ${url2}`)
  })
})

describe('Checks API batches', () => {
  it.each([
    [0, []],
    [50, [50]],
    [51, [50, 1]],
    [100, [50, 50]],
    [101, [50, 50, 1]]
  ])('%i annotations go in batches %j', (count, sizes) => {
    expect(
      chunk(
        Array.from({ length: count }, (_, i) => i),
        50
      ).map((b) => b.length)
    ).toEqual(sizes)
  })
})

describe('workflow commands', () => {
  const many = (n: number, status: 'failed' | 'passed' | 'skipped') => Array.from({ length: n }, () => testCase({ status }))

  it('print every annotation when each level fits', () => {
    const commands = toWorkflowCommands(
      toAnnotations(report([...many(WORKFLOW_COMMAND_LIMIT, 'failed'), ...many(3, 'passed')]), at, everything)
    )
    expect(commands.filter((c) => c.level === 'error')).toHaveLength(10)
    expect(commands.some((c) => c.message.includes('more test case result'))).toBe(false)
  })

  it('keep 9 and one overflow line when a level has 11', () => {
    const commands = toWorkflowCommands(toAnnotations(report([...many(11, 'failed'), ...many(25, 'skipped')]), at, quiet))
    const errors = commands.filter((c) => c.level === 'error')
    const warnings = commands.filter((c) => c.level === 'warning')
    expect(errors).toHaveLength(10)
    expect(errors[9]).toMatchObject({ title: '2 more', message: '2 more test case results of this kind are listed in the job summary.' })
    expect(warnings).toHaveLength(10)
    expect(warnings[9].title).toBe('16 more')
  })
})
