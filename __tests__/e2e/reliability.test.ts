import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
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
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const WORLD = fastWorld({
  scenarios: { 1: { name: 'Sign in', durationMs: 400 }, 2: { name: 'Pay', durationMs: 300 } },
  testPlans: { 169408: { name: 'Smoke', scenarioIds: [1, 2], capabilities: [{ os: 'Linux', browser: 'Chrome' }] } }
})

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(WORLD)
})
afterAll(() => h.close())

const RESULT_PATH = /^\/api\/v1\/projects\/743\/results\/\d+$/
const scenarioRun = { 'project-id': '743', 'scenario-ids': '1' }

function postsSince(before: number): number {
  return h.autify.requests.slice(before).filter((r) => r.method === 'POST').length
}

describe('reads of the result (retries, Retry-After and persisting errors: see execute-run.test.ts, in virtual time)', () => {
  it('a Retry-After beyond the timeout is not waited for: the step gives up within its 3 s timeout', async () => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 429, headers: { 'Retry-After': '120' }, times: 20 })
    const run = await h.run({ ...scenarioRun, timeout: '3' })
    expect(run.exitCode).toBe(1)
    // Virtual time: a wait of the Retry-After would show as 120 s.
    expect(run.durationMs).toBeLessThanOrEqual(3000)
    h.autify.clearFaults()
  })
})

describe('starting a run', () => {
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
})

describe('errors a user can act on', () => {
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

  it.each(['/', '/api/', '/v1/'])(
    "an 'autify-api-url' without /api/v1/ (origin + %s) is named in the error; the outputs and the job summary say the run did not start",
    async (path) => {
      const run = await h.run({ ...scenarioRun, 'autify-api-url': `${h.autify.origin}${path}` })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(
        /::error::Autify found no project 743 with scenario 1 \(HTTP 404 on POST \/.*projects\/743\/execute_scenarios\)\. The answer is not Autify's JSON: check 'autify-api-url' \(it should end in \/api\/v1\//
      )
      expect(run.outputs).toMatchObject({ status: 'error', 'exit-code': '1' })
      expect(run.outputs.summary).toContain("check 'autify-api-url'")
      expect(run.summary).toContain("check 'autify-api-url'")
    }
  )

  it("a 404 for the project itself names 'autify-api-url' beside the project", async () => {
    const run = await h.run({ 'project-id': '744', 'scenario-ids': '1', os: 'Linux' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::Autify found no project 744 (HTTP 404 on GET /api/v1/projects/744/capabilities). Check 'autify-api-url' (it should end in /api/v1/"
    )
  })

  it('a body that is not JSON shows its status and an excerpt', async () => {
    h.autify.fault({
      method: 'GET',
      path: 'projects/743/capabilities',
      status: 400,
      body: '<html><h1>400 Bad Request</h1></html>'
    })
    const run = await h.run({ ...scenarioRun, os: 'Linux' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'Autify refused to list capabilities (HTTP 400 on GET /api/v1/projects/743/capabilities): "<html><h1>400 Bad Request</h1></html>".'
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
})

describe('as the runner starts it', () => {
  let proc: Harness
  beforeAll(async () => {
    proc = await startHarness(WORLD)
  })
  afterAll(() => proc.close())

  it('errors a user can act on: 401 says the token was rejected, and the token never shows', async () => {
    const run = await proc.run({ ...scenarioRun, 'access-token': 'wrong-token-abcdef' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::Autify rejected the access token (HTTP 401 on POST /api/v1/projects/743/execute_scenarios). Check the 'access-token' input"
    )
    expectNoSecret(everythingWritten(run), 'wrong-token-abcdef', GITHUB_TOKEN)
    expect(run.outputs).toMatchObject({ status: 'error', 'exit-code': '1' })
    expect(run.outputs.summary).toMatch(/^\*\*⚠️ Autify: the run did not start\*\*\nAutify rejected the access token .*'access-token'/)
    expect(run.summary).toContain('## ⚠️ Autify: the run did not start\n\nAutify rejected the access token')
  })
})
