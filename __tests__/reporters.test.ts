/**
 * The job summary, JUnit, Testify and pull-request comment reporters in-process: `finish` with and
 * without other targets' sections, after a cancel, and out of time (an aborted signal), against the
 * GitHub and Testify simulators over loopback HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { GitHubSimulator } from '../simulator/github/github-simulator.js'
import { scratchRoot } from '../simulator/run-action.js'
import { report, testCase } from '../simulator/sample-reports.js'
import type { TestifySimulator } from '../simulator/testify/testify-simulator.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { realClock } from '../src/util/clock.js'
import type { GitHubContext } from '../src/github/context.js'
import { PullRequestCommentReporter } from '../src/github/pr-comment-reporter.js'
import { type LogSink, useLogSink } from '../src/log.js'
import { JobSummaryReporter } from '../src/report/job-summary-reporter.js'
import { JUnitReporter } from '../src/report/junit-reporter.js'
import type { FinishContext } from '../src/report/reporter.js'
import { TestifyReporter } from '../src/testify/testify-reporter.js'
import { startTestify } from './helpers/harness.js'
import { runReport, testCase as testifyCase, testifySettings } from './helpers/testify-fixtures.js'
import { recordingSink } from './helpers/in-process.js'

const TOKEN = 'ghs_reporters-test-token'
let github: GitHubSimulator
let testify: TestifySimulator
const logged: string[] = []
let previousSink: LogSink
beforeAll(async () => {
  github = await new GitHubSimulator({ token: TOKEN }).start()
  testify = await startTestify()
  previousSink = useLogSink(recordingSink((kind, text) => logged.push(`${kind}: ${text}`)))
})
afterAll(async () => {
  useLogSink(previousSink)
  await github.close()
  await testify.close()
})

const finishing = (overrides: Partial<FinishContext> = {}): FinishContext => ({
  signal: AbortSignal.timeout(10_000),
  cancelled: false,
  sections: [],
  ...overrides
})
const outOfTime = (): FinishContext => finishing({ signal: AbortSignal.abort(new Error('Reporting ran out of time.')) })

const failed = () => report([testCase({ status: 'failed', scenarioName: 'Pay' }), testCase({ status: 'passed', scenarioName: 'Sign in' })])
const passed = () => report([testCase({ status: 'passed', scenarioName: 'Sign in' })])

describe('the job summary reporter', () => {
  async function summaryOf(run = failed(), context = finishing()): Promise<string[]> {
    const written: string[] = []
    const result = await new JobSummaryReporter('https://github.com/octo-org/shop/actions/runs/1', 'failures', async (markdown) => {
      written.push(markdown)
    }).finish(run, context)
    expect(result).toEqual({})
    return written
  }

  it('writes the verdict, the counts and the test cases, and the other targets’ sections below', async () => {
    const [plain] = await summaryOf()
    expect(plain).toContain('Pay')
    expect(plain).toContain('Sign in')
    expect(plain).not.toContain('## Testify section')
    const [withSections] = await summaryOf(failed(), finishing({ sections: ['## Testify section\n\nPublished.'] }))
    expect(withSections).toContain('## Testify section')
    expect(withSections.indexOf('## Testify section')).toBeGreaterThan(withSections.indexOf('Pay'))
  })

  it('writes once after a cancel and when out of time: it is local and quick', async () => {
    const cancelled = await summaryOf(
      report([], { outcome: 'cancelled', status: 'running', note: 'The job was cancelled.' }),
      finishing({ cancelled: true })
    )
    expect(cancelled).toHaveLength(1)
    expect(cancelled[0]).toMatch(/cancel/i)
    expect(await summaryOf(passed(), outOfTime())).toHaveLength(1)
  })

  it('warns and goes on when the summary cannot be written', async () => {
    const result = await new JobSummaryReporter(null, 'failures', async () => {
      throw new Error('disk full')
    }).finish(passed(), finishing())
    expect(result).toEqual({})
    expect(logged).toContain('warning: Could not write the job summary: disk full')
  })
})

describe('the JUnit reporter', () => {
  const dir = () => mkdtempSync(path.join(scratchRoot(), 'junit-'))

  it('writes the file and sets the junit-report output, with or without sections, cancelled or out of time', async () => {
    for (const context of [finishing(), finishing({ sections: ['x'] }), finishing({ cancelled: true }), outOfTime()]) {
      const file = path.join(dir(), 'deep', 'autify.xml')
      const result = await new JUnitReporter(file).finish(failed())
      expect(result).toEqual({ outputs: { 'junit-report': file } })
      expect(readFileSync(file, 'utf8')).toMatch(/<failure[^>]*>/)
      void context
    }
  })

  it('writes nothing for a run not waited for', async () => {
    const file = path.join(dir(), 'autify.xml')
    expect(await new JUnitReporter(file).finish(report([], { outcome: 'started', status: 'queuing' }))).toEqual({})
    expect(() => readFileSync(file)).toThrow()
  })

  it('fails the step when the file cannot be written', async () => {
    const blocked = path.join(dir(), 'autify.xml')
    await new JUnitReporter(blocked).finish(passed())
    const result = await new JUnitReporter(path.join(blocked, 'inner.xml')).finish(passed())
    expect(result.failure).toMatch(/^Could not write the JUnit report to '.*inner\.xml': /)
  })
})

describe('the Testify reporter', () => {
  const reporter = () =>
    new TestifyReporter(testifySettings(testify.apiUrl), {
      info: (m) => logged.push(`info: ${m}`),
      warn: (m) => logged.push(`warning: ${m}`),
      clock: new VirtualClock(),
      wall: realClock
    })
  const finished = () =>
    runReport([testifyCase(1, 'Sign in and see the dashboard', 'passed'), testifyCase(2, 'Check out with a saved card', 'failed')])

  it('publishes a finished run and gives back its section and outputs', async () => {
    const result = await reporter().finish(finished(), finishing({ sections: ['ignored'] }))
    expect(result.failure).toBeUndefined()
    expect(result.section).toMatch(/Testify/)
    expect(result.outputs?.['testify-checklist-id']).toBeTruthy()
  })

  it('publishes nothing after a cancel, or for a run that did not finish', async () => {
    const calls = testify.calls().length
    expect(await reporter().finish(finished(), finishing({ cancelled: true }))).toEqual({})
    expect(logged).toContain('info: Not publishing to Testify: the job was cancelled.')
    expect(await reporter().finish({ ...finished(), outcome: 'timed-out' }, finishing())).toEqual({})
    expect(logged).toContain('info: Not publishing to Testify: the run did not finish (timed-out).')
    expect(testify.calls().length).toBe(calls)
  })

  it('fails the step when out of time before the publication completes', async () => {
    const result = await reporter().finish(finished(), outOfTime())
    expect(result.failure).toBeTruthy()
  })
})

describe('the pull-request comment reporter', () => {
  let nextPullRequest = 700
  const context = (pullRequest: number | null): GitHubContext => ({
    apiUrl: github.apiUrl,
    serverUrl: 'https://github.com',
    repository: { owner: 'octo-org', repo: 'shop' },
    sha: '0123456789abcdef0123456789abcdef01234567',
    eventName: pullRequest ? 'pull_request' : 'push',
    workflowPath: '.github/workflows/e2e.yml',
    runUrl: 'https://github.com/octo-org/shop/actions/runs/1',
    workspace: '/tmp',
    actionRepository: null,
    pullRequest
  })
  const commentsOn = (pr: number) => github.comments.filter((c) => c.issue_number === pr)
  const reporter = (pr: number | null, mode: 'always' | 'on-failure' = 'always', token: string | null = TOKEN) =>
    new PullRequestCommentReporter({ token, checkName: 'Autify', mode }, context(pr), new VirtualClock())

  it('comments once and edits the same comment on the next run', async () => {
    const pr = nextPullRequest++
    expect(await reporter(pr).finish(failed(), finishing())).toEqual({})
    expect(commentsOn(pr)).toHaveLength(1)
    expect(commentsOn(pr)[0].body).toContain('Pay')
    await reporter(pr).finish(passed(), finishing({ sections: ['a section'] }))
    expect(commentsOn(pr)).toHaveLength(1)
    expect(commentsOn(pr)[0].edits).toHaveLength(2)
    expect(commentsOn(pr)[0].body).not.toContain('a section')
  })

  it('on-failure: no comment for a passing run; a failing one comments; passing later says it is resolved', async () => {
    const pr = nextPullRequest++
    await reporter(pr, 'on-failure').finish(passed(), finishing())
    expect(commentsOn(pr)).toHaveLength(0)
    await reporter(pr, 'on-failure').finish(failed(), finishing())
    expect(commentsOn(pr)).toHaveLength(1)
    await reporter(pr, 'on-failure').finish(passed(), finishing())
    expect(commentsOn(pr)[0].body).toContain('Nothing fails any more')
  })

  it('comments nothing after a cancel, out of time, off a pull request or without a token', async () => {
    const pr = nextPullRequest++
    const before = github.comments.length
    await reporter(pr).finish(failed(), finishing({ cancelled: true }))
    await reporter(pr).finish(failed(), outOfTime())
    await reporter(null).finish(failed(), finishing())
    await reporter(pr, 'always', null).finish(failed(), finishing())
    expect(github.comments.length).toBe(before)
    expect(logged).toContain("warning: No pull-request comment: 'github-token' is empty.")
  })

  it('warns and leaves the outcome alone when the token cannot comment', async () => {
    const pr = nextPullRequest++
    github.canWriteComments = false
    try {
      expect(await reporter(pr).finish(failed(), finishing())).toEqual({})
    } finally {
      github.canWriteComments = true
    }
    expect(logged.some((l) => l.startsWith(`warning: Could not comment on pull request #${pr} (HTTP 403)`))).toBe(true)
  })
})
