/**
 * The check run reporter against the GitHub simulator over loopback HTTP: created as the run starts,
 * a failure annotated at once, completed with the rest; a read-only token and a silent API.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { CheckRunReporter } from '../src/github/check-run-reporter.js'
import type { GitHubContext } from '../src/github/context.js'
import { GitHubSimulator } from '../simulator/github/github-simulator.js'
import { report, testCase } from '../simulator/sample-reports.js'

const TOKEN = 'ghs_direct-test-token'
let github: GitHubSimulator
beforeAll(async () => {
  github = await new GitHubSimulator({ token: TOKEN }).start()
})
afterAll(() => github.close())

function context(): GitHubContext {
  return {
    apiUrl: github.apiUrl,
    serverUrl: 'https://github.com',
    repository: { owner: 'octo-org', repo: 'shop' },
    sha: '0123456789abcdef0123456789abcdef01234567',
    eventName: 'push',
    workflowPath: '.github/workflows/e2e.yml',
    runUrl: 'https://github.com/octo-org/shop/actions/runs/1',
    workspace: '/tmp',
    actionRepository: null,
    pullRequest: null
  }
}

const location = { path: '.github/workflows/e2e.yml', line: 7 }
const finishContext = (ms = 10_000) => ({ signal: AbortSignal.timeout(ms), cancelled: false, sections: [] })
/** Waits (up to 5 s) until `done` holds: the reporter writes in the background. */
async function until(done: () => boolean): Promise<void> {
  for (const started = Date.now(); !done() && Date.now() - started < 5000;) await new Promise((resolve) => setTimeout(resolve, 50))
}

describe('the check run reporter', () => {
  it('creates the check run in progress, annotates a failure at once, completes with the rest', async () => {
    const reporter = new CheckRunReporter(
      { token: TOKEN, checkName: 'Autify', annotateAtEnd: false, annotatePasses: true },
      context(),
      location,
      new VirtualClock()
    )
    const failed = testCase({ status: 'failed', scenarioName: 'Pay' })
    const passed = testCase({ status: 'passed', scenarioName: 'Sign in' })
    const running = report([], { resultId: 501, outcome: 'running', status: 'running' })
    reporter.onStarted(running)
    await until(() => github.checkRuns.some((c) => c.external_id === '501'))
    const run = github.checkRuns.find((c) => c.external_id === '501')!
    expect(run).toMatchObject({ status: 'in_progress', name: 'Autify' })

    reporter.onProgress(report([failed], { resultId: 501, outcome: 'running', status: 'running' }), [failed])
    await until(() => run.annotations.length > 0)
    expect(run.annotations.map((a) => a.title)).toEqual([expect.stringContaining('Pay')])
    expect(run.status).toBe('in_progress')

    const result = await reporter.finish(report([failed, passed], { resultId: 501 }), finishContext())
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(run.annotations.map((a) => a.title)).toEqual([expect.stringContaining('Pay'), expect.stringContaining('Sign in')])
    expect(result.outputs?.['check-run-url']).toBe(run.html_url)
  })

  it('falls back to workflow commands when the token cannot write checks', async () => {
    github.canWriteChecks = false
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const reporter = new CheckRunReporter(
        { token: TOKEN, checkName: 'Autify', annotateAtEnd: false, annotatePasses: true },
        context(),
        location,
        new VirtualClock()
      )
      reporter.onStarted(report([], { resultId: 502, outcome: 'running' }))
      const result = await reporter.finish(
        report([testCase({ status: 'failed', scenarioName: 'Pay' })], { resultId: 502 }),
        finishContext()
      )
      const printed = write.mock.calls.map((c) => String(c[0])).join('')
      expect(printed).toContain("lacks 'checks: write'")
      expect(printed).toMatch(/::error title=Failed%3A Pay/)
      expect(result.outputs?.['check-run-url']).toBeUndefined()
    } finally {
      write.mockRestore()
      github.canWriteChecks = true
    }
  })

  it('gives up when the time for reporting is over, however silent GitHub is', async () => {
    // A GitHub of its own, closed within the test: the creation it leaves hanging fails then, and
    // its warning is written here rather than into the suite's output when the shared one closes.
    const silent = await new GitHubSimulator({ token: TOKEN }).start()
    silent.fault({ path: /check-runs/, hang: true, times: 100 })
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const printed = () => write.mock.calls.map((c) => String(c[0])).join('')
    try {
      const reporter = new CheckRunReporter(
        { token: TOKEN, checkName: 'Autify', annotateAtEnd: false, annotatePasses: true },
        { ...context(), apiUrl: silent.apiUrl },
        location,
        new VirtualClock()
      )
      reporter.onStarted(report([], { resultId: 503, outcome: 'running' }))
      const started = Date.now()
      await reporter.finish(report([testCase({ status: 'failed' })], { resultId: 503 }), finishContext(500))
      expect(Date.now() - started).toBeLessThan(1500)
      await silent.close()
      await until(() => printed().includes('Could not create the check run'))
      expect(printed()).toContain('::warning::Could not create the check run')
    } finally {
      write.mockRestore()
      await silent.close()
    }
  })
})
