/**
 * The entry point in-process (`runWith`), as actions/typescript-action tests `run()`: inputs read,
 * the run started and waited for on a virtual clock against the Autify simulator, every configured
 * target reported to (the GitHub simulator for the check run and the comment), outputs and the job
 * summary recorded. The end-to-end tests run the real bundle; these see what decides the outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type InProcessHarness, AUTIFY_TOKEN, GITHUB_TOKEN, startInProcess } from './helpers/in-process.js'

let h: InProcessHarness
beforeAll(async () => {
  h = await startInProcess({
    queueMs: 2000,
    waitingMs: 1000,
    defaultDurationMs: 20_000,
    scenarios: {
      1: { name: 'Sign in' },
      2: { name: 'Pay', outcomes: ['failed'] },
      4: { name: 'Long journey', durationMs: 3_600_000 },
      5: { name: 'New breakage', outcomes: ['passed', 'passed', 'failed'] },
      6: { name: 'Known breakage', outcomes: ['passed', 'failed', 'failed'] }
    }
  })
})
afterAll(() => h.close())

const scenarios = (...ids: number[]) => ({ 'project-id': '743', 'scenario-ids': ids.join(',') })
const checkRunOf = (resultId: string) => h.github.checkRuns.find((c) => c.external_id === resultId)
const PULL_REQUEST_EVENT = { pull_request: { number: 42, head: { sha: 'a'.repeat(40) } } }

describe('the step, in-process', () => {
  it('passes a run whose test cases passed: outputs, summary, a successful check run', async () => {
    const run = await runAndCheck({ ...scenarios(1) })
    expect(run.failed).toBeNull()
    expect(run.outputs).toMatchObject({ status: 'passed', 'exit-code': '0', total: '1', passed: '1', failed: '0' })
    expect(run.outputs['result-url']).toMatch(/\/results\/\d+$/)
    expect(run.infos).toContain(`Passed: ${run.outputs['result-url']}`)
    expect(run.summary).toContain('Sign in')
    expect(checkRunOf(run.outputs['result-id'])).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(run.outputs['check-run-url']).toBe(checkRunOf(run.outputs['result-id'])?.html_url)
    expect(run.outputs.log).toContain('Passed:')
    expect(run.outputs.log.split('\n').at(-1)).toBe(`Passed: ${run.outputs['result-url']}`)
    // The run took its virtual time: queue, waiting and the test case's 20 s.
    expect(run.elapsedMs).toBeGreaterThanOrEqual(23_000)
  })

  it('fails the step on a failed test case, with the count, a failed check run and JUnit', async () => {
    const run = await runAndCheck({ ...scenarios(1, 2), 'junit-report': 'reports/autify.xml' })
    expect(run.failed).toBe(`1 of 2 Autify test case results failed: ${run.outputs['result-url']}`)
    expect(run.outputs).toMatchObject({ status: 'failed', 'exit-code': '1', failed: '1', passed: '1' })
    expect(checkRunOf(run.outputs['result-id'])).toMatchObject({ conclusion: 'failure' })
    const junit = path.join(run.workspace, 'reports/autify.xml')
    expect(run.outputs['junit-report']).toBe(junit)
    expect(readFileSync(junit, 'utf8')).toContain('<failure')
  })

  it('with fail-on: new, passes on known failures with a warning naming them, and fails on a new one', async () => {
    h.autify.seedScenarioRuns([5, 6], 2)
    const known = await runAndCheck({ ...scenarios(6), 'fail-on': 'new' })
    expect(known.outputs).toMatchObject({ status: 'failed', 'exit-code': '0', 'new-failures': '0' })
    expect(known.failed).toBeNull()
    expect(known.warnings).toEqual([
      "Failure history: compared with the plan's latest runs in Autify (no run on the base branch found): 4 earlier runs. Why: the push event names no base commit.",
      expect.stringMatching(/^1 failure known from earlier runs did not fail the step \(fail-on: new\): Known breakage on /)
    ])
    expect(checkRunOf(known.outputs['result-id'])?.conclusion).toBe('neutral')

    const fresh = await runAndCheck({ ...scenarios(5, 6), 'fail-on': 'new' })
    expect(fresh.failed).toBe(`1 new of 2 failed Autify test case results (fail-on: new): ${fresh.outputs['result-url']}`)
    expect(fresh.outputs).toMatchObject({ 'exit-code': '1', 'new-failures': '1' })
    expect(checkRunOf(fresh.outputs['result-id'])?.conclusion).toBe('failure')
  })

  it('on a cancel while waiting: stops, reports the run as cancelled everywhere, fails the step', async () => {
    const before = h.autify.requests.length
    const run = await runAndCheck({ ...scenarios(4) }, { cancelWhen: (log) => log.some((l) => l.text.startsWith('Started scenario 4')) })
    expect(run.failed).toMatch(/cancel/i)
    expect(run.outputs).toMatchObject({ 'exit-code': '1' })
    expect(run.summary).toMatch(/cancel/i)
    expect(checkRunOf(run.outputs['result-id'])).toMatchObject({ status: 'completed', conclusion: 'cancelled' })
    expect(run.infos.some((l) => /^Clean-up after the cancel took \d+ms\.$/.test(l))).toBe(true)
    // Far from the hour the test case would take: the wait stopped at the cancel.
    expect(run.elapsedMs).toBeLessThan(60_000)
    expect(h.autify.requests.length - before).toBeLessThan(10)
  })

  it('when the run does not start (a wrong token): every target hears why, and the step fails', async () => {
    const checkRuns = h.github.checkRuns.length
    const run = await h.run({
      inputs: { ...scenarios(1), 'access-token': 'wrong-token-1234', 'pr-comment': 'on-failure', 'junit-report': 'autify.xml' },
      env: { GITHUB_EVENT_NAME: 'pull_request' },
      event: { pull_request: { number: 43, head: { sha: 'b'.repeat(40) } } }
    })
    expect(run.failed).toMatch(/^Autify rejected the access token \(HTTP 401 on POST/)
    const reason = run.failed!
    expect(run.outputs).toMatchObject({ status: 'error', 'exit-code': '1' })
    expect(run.outputs.log).toContain(`Error: ${reason}`)
    expect(run.outputs['result-id']).toBeUndefined()
    expect(run.summary).toContain('## ⚠️ Autify: the run did not start')
    // The check run is created and completed as a failure with the reason: the PR shows a failed check.
    expect(h.github.checkRuns).toHaveLength(checkRuns + 1)
    const checkRun = h.github.checkRuns[checkRuns]
    expect(checkRun).toMatchObject({ status: 'completed', conclusion: 'failure', head_sha: 'b'.repeat(40) })
    expect(checkRun.output.title).toBe('The Autify run did not start')
    expect(checkRun.output.summary).toContain('Autify rejected the access token')
    expect(run.outputs['check-run-url']).toBe(checkRun.html_url)
    const comment = h.github.comments.find((c) => c.issue_number === 43)
    expect(comment?.body).toContain('Autify: the run did not start')
    expect(comment?.body).toContain('Autify rejected the access token')
    expect(readFileSync(path.join(run.workspace, 'autify.xml'), 'utf8')).toContain('<error message="Autify rejected the access token')
    expect(run.outputs['junit-report']).toBe(path.join(run.workspace, 'autify.xml'))
    expect(reason).not.toContain('wrong-token-1234')
    expectNoSecret(run, 'wrong-token-1234')
    expect(run.stdout).toContain('::add-mask::wrong-token-1234\n')
  })

  it('on a bad input: fails before any request, naming the input, with the outputs and the job summary of a run that did not start', async () => {
    const before = h.autify.requests.length
    const run = await h.run({ inputs: { ...scenarios(1), 'fail-on': 'sometimes' } })
    const message = "Input 'fail-on': expected one of 'any', 'new', got 'sometimes'."
    expect(run.failed).toBe(message)
    expect(h.autify.requests.length).toBe(before)
    expect(run.outputs).toEqual({
      status: 'error',
      'exit-code': '1',
      summary: `**⚠️ Autify: the run did not start**\n${message}`,
      log: `Error: ${message}`
    })
    expect(run.summary).toContain(`## ⚠️ Autify: the run did not start\n\n${message}\n`)
  })

  it('on an input error with job-summary unreadable, still writes the job summary', async () => {
    const run = await h.run({ inputs: { ...scenarios(1), 'job-summary': 'maybe' } })
    expect(run.failed).toMatch(/^Input 'job-summary'/)
    expect(run.summary).toContain("Correct the input in the step's `with:`")
  })

  it('a target that throws is a warning: the others report and the outcome is the run’s', async () => {
    const run = await runAndCheck(
      { ...scenarios(1), 'junit-report': 'autify.xml', annotations: 'none' },
      {
        writeSummary: async () => {
          throw new Error('the summary file is gone')
        }
      }
    )
    expect(run.failed).toBeNull()
    expect(run.warnings).toContain('Could not write the job summary: the summary file is gone')
    expect(run.outputs['junit-report']).toMatch(/autify\.xml$/)
  })

  it('a target that cannot report and says the step must fail (JUnit) fails a passing run', async () => {
    // A file where the report's folder should be.
    const run = await h.run({ inputs: { ...scenarios(1), annotations: 'none', 'junit-report': '../event.json/autify.xml' } })
    expect(run.outputs).toMatchObject({ status: 'passed', 'exit-code': '0' })
    expect(run.failed).toMatch(/^Could not write the JUnit report to '.*event\.json\/autify\.xml': E[A-Z]+/)
  })

  it('comments on the pull request of a pull_request event', async () => {
    const run = await runAndCheck(
      { ...scenarios(2), 'pr-comment': 'always', annotations: 'none' },
      { env: { GITHUB_EVENT_NAME: 'pull_request' }, event: PULL_REQUEST_EVENT }
    )
    expect(run.failed).not.toBeNull()
    const comment = h.github.comments.find((c) => c.body.includes(run.outputs['result-url']))
    expect(comment).toMatchObject({ issue_number: 42 })
    expect(comment?.body).toContain('Pay')
  })

  it('does not wait with wait: false: passes at once, with the result URL', async () => {
    const run = await runAndCheck({ ...scenarios(1), wait: 'false', annotations: 'none' })
    expect(run.failed).toBeNull()
    expect(run.infos).toContain(`Not waiting for the result: ${run.outputs['result-url']}`)
    expect(run.elapsedMs).toBeLessThan(1000)
  })
})

/** Runs the step and checks what every run must hold: no secret anywhere it wrote. */
async function runAndCheck(inputs: Record<string, string>, options: Omit<Parameters<InProcessHarness['run']>[0], 'inputs'> = {}) {
  const run = await h.run({ ...options, inputs })
  expectNoSecret(run, AUTIFY_TOKEN, GITHUB_TOKEN)
  return run
}

function expectNoSecret(run: Awaited<ReturnType<InProcessHarness['run']>>, ...secrets: string[]): void {
  const written = [JSON.stringify(run.outputs), run.summary, ...run.log.map((l) => l.text), ...(existsSync(run.workspace) ? [] : [])].join(
    '\n'
  )
  for (const secret of secrets) expect(written).not.toContain(secret)
}
