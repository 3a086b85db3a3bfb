import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { runAction } from '../../simulator/run-action.js'
import {
  AUTIFY_TOKEN,
  GITHUB_TOKEN,
  type Harness,
  autifyCalls,
  everythingWritten,
  expectNoSecret,
  fastWorld,
  startHarness
} from '../helpers/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness(
    fastWorld({
      scenarios: { 1: { name: 'Sign in', durationMs: 400 }, 2: { name: 'Pay', durationMs: 300 } },
      testPlans: { 169408: { name: 'Smoke', scenarioIds: [1, 2], capabilities: [{ os: 'Linux', browser: 'Chrome' }] } }
    })
  )
})
afterAll(() => h.close())

const RESULT_PATH = /^\/api\/v1\/projects\/743\/results\/\d+$/
const scenarioRun = { 'project-id': '743', 'scenario-ids': '1' }

function postsSince(before: number): number {
  return h.autify.requests.slice(before).filter((r) => r.method === 'POST').length
}

describe('reads of the result', () => {
  it('retry 5xx, 408 and dropped connections with back-off, and the run still passes', async () => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 503, body: { errors: [{ message: 'Service Unavailable' }] }, times: 2 })
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 408 })
    h.autify.fault({ method: 'GET', path: RESULT_PATH, reset: true })
    const run = await h.run(scenarioRun)
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('passed')
    expect(run.stdout).toMatch(/Autify GET \/api\/v1\/projects\/743\/results\/\d+ failed \(HTTP 503\); retrying in \d+\.\ds\./)
    expect(run.stdout).not.toMatch(/ at .*\.js:\d+/)
  })

  it('honour Retry-After in seconds and as an HTTP date', async () => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 429, headers: { 'Retry-After': '2' } })
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 503, headers: { 'Retry-After': new Date(Date.now() + 3000).toUTCString() } })
    const before = h.autify.requests.length
    const run = await h.run(scenarioRun)
    expect(run.exitCode).toBe(0)
    const reads = h.autify.requests.slice(before).filter((r) => RESULT_PATH.test(r.path))
    expect(reads[1].at - reads[0].at).toBeGreaterThanOrEqual(1950)
    expect(reads[2].at - reads[0].at).toBeGreaterThanOrEqual(2500)
  })

  it('a Retry-After beyond the timeout is not waited for', async () => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 429, headers: { 'Retry-After': '120' }, times: 20 })
    const run = await h.run({ ...scenarioRun, timeout: '3' })
    expect(run.exitCode).toBe(1)
    expect(run.durationMs).toBeLessThan(8000)
    h.autify.clearFaults()
  })

  it('an error that persists ends the wait with a message and the result link, not a stack trace', async () => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 500, body: '<html><body>Internal Server Error</body></html>', times: 100 })
    const run = await h.run({ ...scenarioRun, timeout: '60' })
    h.autify.clearFaults()
    expect(run.exitCode).toBe(1)
    expect(run.outputs['result-id']).toMatch(/^\d+$/)
    expect(run.stdout).toMatch(/still waiting \(failure 1 in a row; waiting ends after 3\)/)
    expect(run.stdout).toMatch(
      /::error::Waiting stopped on an error: Autify had a server error while trying to read result \d+ \(tried 5 times\) \(HTTP 500 on GET/
    )
    expect(run.stdout).toContain(`The run may still be going in Autify: ${run.outputs['result-url']}`)
    expect(run.stdout).not.toMatch(/\n\s+at /)
    expect(run.summary).toContain('⚠️ Autify: stopped on an error')
  })
})

describe('starting a run', () => {
  it('is retried after a 429, where Autify cannot have started anything', async () => {
    const before = h.autify.requests.length
    h.autify.fault({ method: 'POST', path: 'projects/743/execute_scenarios', status: 429, headers: { 'Retry-After': '1' } })
    const run = await h.run(scenarioRun)
    expect(run.exitCode).toBe(0)
    expect(postsSince(before)).toBe(2)
    expect(h.autify.started.size).toBeGreaterThan(0)
  })

  it.each([
    ['a 502 after Autify started the run', { status: 502, afterHandling: true }],
    ['a connection reset after sending', { reset: true, afterHandling: true }],
    ['a 200 whose body is not JSON', { status: 200, body: '<html>proxy</html>', afterHandling: true }]
  ])('is not retried on %s: the message says a run may have started and where to look', async (_, fault) => {
    const before = h.autify.requests.length
    const runsBefore = h.autify.runs.length
    h.autify.fault({ method: 'POST', path: 'projects/743/execute_scenarios', ...fault })
    const run = await h.run(scenarioRun)
    expect(run.exitCode).toBe(1)
    expect(postsSince(before)).toBe(1)
    expect(h.autify.runs.length).toBe(runsBefore + 1)
    expect(run.stdout).toContain(
      `a run may have started anyway: it was not retried, to avoid paying for a second run. Look at ${h.autify.origin}/projects/743/results before running this again.`
    )
    expect(run.outputs).toMatchObject({ status: 'error', 'exit-code': '1' })
    expect(run.summary).toContain('## ⚠️ Autify: the run did not start')
  })

  it('is retried when the connection is refused before anything was sent', async () => {
    const closed = await freePort()
    const run = await runAction({
      inputs: { 'access-token': AUTIFY_TOKEN, 'autify-api-url': `http://127.0.0.1:${closed}/api/v1/`, ...scenarioRun }
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /Could not reach Autify to start scenario 1 \(tried 4 times\) \(POST \/api\/v1\/projects\/743\/execute_scenarios: ECONNREFUSED/
    )
    expect(run.stdout.match(/failed \(ECONNREFUSED/g)).toHaveLength(3)
    expect(run.stdout).not.toContain('a run may have started')
  })
})

describe('errors a user can act on', () => {
  it('401 says the token was rejected, and the token never shows', async () => {
    const run = await h.run({ ...scenarioRun, 'access-token': 'wrong-token-abcdef' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::Autify rejected the access token (HTTP 401 on POST /api/v1/projects/743/execute_scenarios). Check the 'access-token' input"
    )
    expectNoSecret(everythingWritten(run), 'wrong-token-abcdef', GITHUB_TOKEN)
  })

  it('403 says what permission is missing', async () => {
    h.autify.fault({ method: 'POST', path: 'schedules/169408', status: 403, body: { errors: [{ message: 'Forbidden' }] } })
    const run = await h.run({ 'project-id': '743', 'test-plan-id': '169408' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /Autify refused to start test plan 169408 \(HTTP 403 on POST \/api\/v1\/schedules\/169408\): the token's user lacks permission for test plan 169408/
    )
  })

  it.each([
    [
      { 'project-id': '743', 'test-plan-id': '999' },
      "Autify found no test plan 999 (HTTP 404 on POST /api/v1/schedules/999). Check 'autify-test-url', or 'test-plan-id'"
    ],
    [{ 'project-id': '744', 'scenario-ids': '1' }, 'Autify found no project 744 with scenario 1 (HTTP 404'],
    [{ 'project-id': '743', 'scenario-ids': '1,424242' }, 'Autify found no project 743 with scenarios 1, 424242 (HTTP 404']
  ])('404 names the IDs: %j', async (inputs, message) => {
    const run = await h.run(inputs)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(message)
  })

  it('a body that is not JSON shows its status and an excerpt', async () => {
    h.autify.fault({
      method: 'GET',
      path: 'projects/743/capabilities',
      status: 502,
      body: '<html><h1>502 Bad Gateway</h1></html>',
      times: 5
    })
    const run = await h.run({ ...scenarioRun, os: 'Linux' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'Autify had a server error while trying to list capabilities (tried 5 times) (HTTP 502 on GET /api/v1/projects/743/capabilities).'
    )
  })

  it('a server that echoes the token back cannot leak it', async () => {
    h.autify.fault({
      method: 'POST',
      path: 'projects/743/execute_scenarios',
      status: 400,
      body: `Bad request: Authorization: Bearer ${AUTIFY_TOKEN} github=${GITHUB_TOKEN}`
    })
    const run = await h.run(scenarioRun)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Authorization: Bearer ***')
    expectNoSecret(everythingWritten(run), AUTIFY_TOKEN, GITHUB_TOKEN)
  })
})

describe('temporary URL replacements on a test plan', () => {
  const planRun = {
    'project-id': '743',
    'test-plan-id': '169408',
    'url-replacements': 'https://shop.example.com https://pr-1.example.com\nhttps://api.example.com https://pr-1-api.example.com'
  }

  it('exist when the plan starts and are deleted right after', async () => {
    const run = await h.run(planRun)
    expect(run.exitCode).toBe(0)
    const started = h.autify.started.get(Number(run.outputs['result-id']))!
    expect(started.activeReplacements.map((r) => [r.pattern_url, r.replacement_url])).toEqual([
      ['https://shop.example.com', 'https://pr-1.example.com'],
      ['https://api.example.com', 'https://pr-1-api.example.com']
    ])
    expect(h.autify.replacementsOf(169408)).toEqual([])
    const calls = autifyCalls(h.autify)
    const start = calls.lastIndexOf('POST /schedules/169408')
    expect(calls.slice(start + 1, start + 3).every((c) => c.startsWith('DELETE /test_plans/169408/url_replacements/'))).toBe(true)
  })

  it('are deleted when the start fails', async () => {
    h.autify.fault({ method: 'POST', path: 'schedules/169408', status: 500, times: 1 })
    const run = await h.run(planRun)
    expect(run.exitCode).toBe(1)
    expect(h.autify.replacementsOf(169408)).toEqual([])
    expect(run.stdout).toContain('a run may have started anyway')
  })

  it('a failed delete is a warning, not a lost error or a failed step', async () => {
    h.autify.fault({ method: 'DELETE', path: /url_replacements\/\d+$/, status: 500, times: 50 })
    const run = await h.run(planRun)
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/::warning::Could not delete temporary URL replacement \d+ from test plan 169408: .*Delete it in Autify/)
    h.autify.clearFaults()
    for (const r of h.autify.replacementsOf(169408))
      await fetch(`${h.autify.apiUrl}test_plans/169408/url_replacements/${r.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${AUTIFY_TOKEN}` }
      })
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
