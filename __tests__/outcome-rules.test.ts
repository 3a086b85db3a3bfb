/**
 * Rules that decide what a user sees, each at its edge: when a result counts as finished, that a
 * cancelled or all-skipped run never passes with `fail-on: new`, and the comment's row cap.
 */
import { describe, expect, it } from '@jest/globals'
import type { ApiResult } from '../src/autify/api-types.js'
import { isFinished } from '../src/autify/wait.js'
import { renderPrComment } from '../src/report/pr-comment.js'
import { commentSaysFailing, conclusionOf, verdictOf } from '../src/report/verdict.js'
import { report, testCase } from '../simulator/sample-reports.js'

describe('isFinished', () => {
  const result = (status: string, finishedAt: string | null) => ({ id: 1, status, finished_at: finishedAt }) as unknown as ApiResult
  it('holds for a terminal status even without finished_at, and for finished_at whatever the status', () => {
    expect(isFinished(result('passed', null))).toBe(true)
    expect(isFinished(result('canceled', null))).toBe(true)
    expect(isFinished(result('running', '2026-11-24T09:10:00Z'))).toBe(true)
    expect(isFinished(result('running', null))).toBe(false)
    expect(isFinished(result('queuing', null))).toBe(false)
  })
})

describe('fail-on: new never lets a run that did not run pass', () => {
  const skipped = () => testCase({ status: 'skipped' })
  it('fails a cancelled run and a run whose test cases were all skipped', () => {
    const cancelled = report([], { outcome: 'cancelled', status: 'running', failOn: 'new', note: 'The job was cancelled.' })
    expect(verdictOf(cancelled)).toBe('The job was cancelled.')
    expect(conclusionOf(cancelled)).toBe('cancelled')
    const allSkipped = report([skipped(), skipped()], { outcome: 'failed', status: 'skipped', failOn: 'new' })
    expect(verdictOf(allSkipped)).toBe(`The Autify run ended as 'skipped': ${allSkipped.resultUrl}`)
    expect(conclusionOf(allSkipped)).toBe('failure')
    expect(commentSaysFailing(allSkipped)).toBe(true)
    const timedOut = report([], { outcome: 'timed-out', status: 'running', failOn: 'new', note: null })
    expect(verdictOf(timedOut)).toBe(`The Autify run did not finish: ${timedOut.resultUrl}`)
    expect(conclusionOf(timedOut)).toBe('timed_out')
  })
})

describe('the comment', () => {
  it('lists at most 20 failures and counts the rest', () => {
    const failures = Array.from({ length: 25 }, (_, i) => testCase({ status: 'failed', scenarioName: `Broken ${i + 1}` }))
    const body = renderPrComment(report(failures), { checkName: 'Autify', runUrl: null, sha: null })
    expect(body.split('\n').filter((line) => line.startsWith('| ❌') || /^\| .*Broken \d+/.test(line))).toHaveLength(20)
    expect(body).toContain('5 more failures in the job summary')
    const twenty = renderPrComment(report(failures.slice(0, 20)), { checkName: 'Autify', runUrl: null, sha: null })
    expect(twenty).not.toContain('more failure')
  })
})
