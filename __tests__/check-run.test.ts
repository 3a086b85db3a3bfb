/**
 * The check run itself against the GitHub simulator over loopback HTTP: what GitHub receives when
 * it is created, updated and completed; a create or an annotating update that may have been applied
 * is never applied twice; the output within the Checks API limits, secrets redacted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { CHECK_RUN_LIMITS, CheckRun, CheckRunPermissionError, type CheckRunTarget } from '../src/github/check-run.js'
import type { Annotation } from '../src/report/annotations.js'
import { addSecret } from '../src/secrets.js'
import { GitHubSimulator, type SimCheckRun } from '../simulator/github/github-simulator.js'
import { heldStdout } from './helpers/stdout.js'

const TOKEN = 'ghs_check-run-direct-test-token'
const SHA = '89abcdef0123456789abcdef0123456789abcdef'
const CHECK_RUNS = '/repos/octo-org/shop/check-runs'
const LIST = `/repos/octo-org/shop/commits/${SHA}/check-runs`

let github: GitHubSimulator
beforeAll(async () => {
  github = await new GitHubSimulator({ token: TOKEN }).start()
})
afterEach(() => github.clearFaults())
afterAll(() => github.close())

function target(externalId: string): CheckRunTarget {
  return {
    token: TOKEN,
    apiUrl: github.apiUrl,
    owner: 'octo-org',
    repo: 'shop',
    sha: SHA,
    name: 'Autify',
    detailsUrl: `https://app.autify.com/projects/1/results/${externalId}`,
    externalId,
    clock: new VirtualClock()
  }
}

const output = { title: 'Autify: running', summary: 'Running 3 test cases.' }

function annotation(title: string): Annotation {
  return { path: '.github/workflows/e2e.yml', start_line: 7, end_line: 7, annotation_level: 'failure', title, message: `${title} failed` }
}
const annotations = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => annotation(`${prefix} ${i + 1}`))

/** Creates a check run; its debug lines are collected in `debug`. */
async function created(externalId: string, debug: string[] = []): Promise<{ checkRun: CheckRun; sim: SimCheckRun }> {
  const checkRun = await CheckRun.create(
    target(externalId),
    output,
    () => undefined,
    (line) => debug.push(line)
  )
  return { checkRun, sim: github.checkRuns.find((run) => run.id === checkRun.id)! }
}

/** The requests the simulator saw from `from` on, by method and path. */
const seen = (from: number, method: string, path: string) =>
  github.requests.slice(from).filter((r) => r.method === method && r.path === path)

describe('CheckRun', () => {
  it('creates the check run in progress and completes it with the conclusion, the output clipped and redacted', async () => {
    const secret = 'check-run-secret-7f3a'
    await heldStdout(() => addSecret(secret))
    const long = {
      title: `${secret} ${'T'.repeat(300)}`,
      summary: `${secret} ${'é'.repeat(40_000)}`,
      text: `${secret} ${'x'.repeat(70_000)}`
    }
    const from = github.requests.length
    const on = target('701')
    const before = on.clock.now()
    const checkRun = await CheckRun.create(on, long, () => undefined)
    const sim = github.checkRuns.find((run) => run.id === checkRun.id)!
    expect(sim).toMatchObject({
      name: 'Autify',
      head_sha: SHA,
      status: 'in_progress',
      conclusion: null,
      details_url: 'https://app.autify.com/projects/1/results/701',
      external_id: '701'
    })
    expect(Date.parse(sim.started_at!)).toBeGreaterThanOrEqual(before)
    expect(Date.parse(sim.started_at!)).toBeLessThanOrEqual(on.clock.now())
    expect(checkRun.url).toBe(sim.html_url)
    expect(sim.html_url).toMatch(/^https:\/\//)
    expect(sim.output.title).toHaveLength(CHECK_RUN_LIMITS.titleChars)
    expect(sim.output.title!.startsWith('*** TTT')).toBe(true)
    expect(Buffer.byteLength(sim.output.summary!)).toBeLessThanOrEqual(CHECK_RUN_LIMITS.outputBytes)
    expect(Buffer.byteLength(sim.output.summary!)).toBeGreaterThan(CHECK_RUN_LIMITS.outputBytes - 100)
    expect(Buffer.byteLength(sim.output.text!)).toBeLessThanOrEqual(CHECK_RUN_LIMITS.outputBytes)
    expect(JSON.stringify(github.requests.slice(from).map((r) => r.rawBody))).not.toContain(secret)

    await checkRun.complete('success', { title: 'Autify: passed', summary: 'All passed.' }, [])
    expect(sim).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Autify: passed', summary: 'All passed.' } })
    expect(sim.output.text).toBeUndefined()
    expect(Date.parse(sim.completed_at!)).toBeGreaterThanOrEqual(Date.parse(sim.started_at!))
    expect(sim.updates.at(-1)).toMatchObject({ output: { annotations: [] } })
    expect(sim.annotations).toEqual([])
    expect(seen(from, 'POST', CHECK_RUNS)).toHaveLength(1)
  })

  it('a created check run GitHub answers without its app: kept, with no app to find the baseline by', async () => {
    github.fault({ method: 'POST', path: CHECK_RUNS, transform: (body) => ({ ...(body as object), app: undefined, extra: [1] }) })
    const { checkRun, sim } = await created('709')
    expect(checkRun.id).toBe(sim.id)
    expect(checkRun.url).toBe(sim.html_url)
    expect(checkRun.app).toBeNull()
  })

  it('after an ambiguous create, finds the check run by its external_id instead of creating another', async () => {
    github.fault({ method: 'POST', path: CHECK_RUNS, status: 502, afterHandling: true })
    const decoy = { id: 1, html_url: 'https://github.com/octo-org/shop/runs/1', external_id: '700' }
    github.fault({
      method: 'GET',
      path: LIST,
      transform: (body) => ({ ...(body as object), check_runs: [null, decoy, ...(body as { check_runs: unknown[] }).check_runs] })
    })
    const from = github.requests.length
    const debug: string[] = []
    const { checkRun, sim } = await created('702', debug)
    expect(seen(from, 'POST', CHECK_RUNS)).toHaveLength(1)
    expect(github.checkRuns.filter((run) => run.external_id === '702')).toEqual([sim])
    expect(checkRun.url).toBe(sim.html_url)
    expect(seen(from, 'GET', LIST)[0].query.get('check_name')).toBe('Autify')
    expect(debug.join('\n')).toContain('Creating the check run failed (ambiguous')
  })

  it('creates again when the list of check runs is not one, and keeps no link that is not https', async () => {
    github.fault({ method: 'POST', path: CHECK_RUNS, status: 502, afterHandling: true })
    github.fault({ method: 'GET', path: LIST, transform: () => null })
    github.fault({
      method: 'POST',
      path: CHECK_RUNS,
      transform: (body) => ({ ...(body as object), html_url: 'http://github.example/runs/1?next=https://github.com/' })
    })
    const from = github.requests.length
    const { checkRun, sim } = await created('703')
    expect(seen(from, 'POST', CHECK_RUNS)).toHaveLength(2)
    expect(github.checkRuns.filter((run) => run.external_id === '703')).toHaveLength(2)
    expect(checkRun.id).toBe(github.checkRuns.at(-1)!.id)
    expect(sim.status).toBe('in_progress')
    expect(checkRun.url).toBe('')
  })

  it('turns a 404 from GitHub into a permission error', async () => {
    github.fault({ method: 'POST', path: CHECK_RUNS, status: 404, body: { message: 'Not Found' } })
    const error = await CheckRun.create(target('704'), output, () => undefined).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CheckRunPermissionError)
    expect(error).toMatchObject({ name: 'CheckRunPermissionError', status: 404, message: expect.stringContaining('Not Found') })
  })

  it('retries an update without annotations on its own; a cancelled job sends nothing', async () => {
    const debug: string[] = []
    const { checkRun, sim } = await created('705', debug)
    const path = `${CHECK_RUNS}/${checkRun.id}`
    github.fault({ method: 'PATCH', path, status: 502 })
    const from = github.requests.length
    await checkRun.update({ title: 'Autify: 1 failed so far', summary: 'Pay failed.' })
    expect(seen(from, 'PATCH', path)).toHaveLength(2)
    expect(sim.output).toMatchObject({ title: 'Autify: 1 failed so far', summary: 'Pay failed.' })
    expect(sim.status).toBe('in_progress')
    // The request hook's retry, silent: not the send-once path that logs each failure.
    expect(debug).toEqual([])

    const cancelled = AbortSignal.abort()
    await expect(checkRun.update(output, [annotation('Failed: Pay')], cancelled)).rejects.toThrow()
    expect(seen(from, 'PATCH', path)).toHaveLength(2)
    expect(sim.annotations).toEqual([])
  })

  it('completes in batches of 50, the conclusion with the first; an ambiguous batch is not appended twice', async () => {
    const debug: string[] = []
    const { checkRun, sim } = await created('706', debug)
    const path = `${CHECK_RUNS}/${checkRun.id}`
    github.fault({ method: 'PATCH', path, status: 502, afterHandling: true })
    const from = github.requests.length
    const sent = annotations(60, 'Failed: scenario')
    await checkRun.complete('failure', { title: 'Autify: 60 failed', summary: 'See the annotations.' }, sent)
    expect(sim).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(sim.annotations).toEqual(sent)
    const patches = seen(from, 'PATCH', path).map((r) => r.body as { conclusion?: string; output: { annotations: Annotation[] } })
    expect(patches.map((p) => [p.conclusion, p.output.annotations.length])).toEqual([
      ['failure', 50],
      ['failure', 0],
      [undefined, 10]
    ])
    const listed = seen(from, 'GET', `${path}/annotations`)
    expect(listed.map((r) => [r.query.get('page'), r.query.get('per_page')])).toEqual([['1', '100']])
    expect(debug.join('\n')).toContain('Updating the check run failed (ambiguous')
  })

  it('reads up to 10 pages of annotations to tell which of an ambiguous update were applied', async () => {
    const { checkRun, sim } = await created('707')
    sim.annotations.push(...annotations(950, 'Earlier'))
    const path = `${CHECK_RUNS}/${checkRun.id}`
    github.fault({ method: 'PATCH', path, status: 502, afterHandling: true })
    const from = github.requests.length
    const sent = annotations(10, 'Failed: scenario')
    await checkRun.update(output, sent)
    expect(sim.annotations).toHaveLength(960)
    expect(sim.annotations.slice(950)).toEqual(sent)
    const listed = seen(from, 'GET', `${path}/annotations`)
    expect(listed.map((r) => Number(r.query.get('page')))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(seen(from, 'PATCH', path).map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([
      10, 0
    ])
  })
})
