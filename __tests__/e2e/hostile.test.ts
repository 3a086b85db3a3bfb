/**
 * Hostile servers: an Autify, GitHub and Testify API that inject workflow commands through names
 * and fields, echo secrets, redirect across ports, lie about types, hang and flood. Every case runs
 * the bundled action as the runner does and checks what a hostile server must never achieve.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { escapeMarkdown } from '../../src/report/markdown.js'
import { backslashMarkdown } from '../../src/util/format.js'
import { SimulatorServer } from '../../simulator/http-server.js'
import type { ActionRun } from '../../simulator/run-action.js'
import type { TestifySimulator } from '../../simulator/testify/testify-simulator.js'
import {
  TESTIFY_SECRET,
  TESTIFY_SUBJECT,
  TESTIFY_TENANT,
  type Harness,
  everythingWritten,
  fastWorld,
  startHarness,
  startTestify,
  testifyInputs
} from '../helpers/harness.js'

/** Tokens made of the characters Markdown escaping and URL encoding change. */
const TOKEN = 'autify_tok-3*x.y_Z9k#|'
const GH_TOKEN = 'ghs_hostile-T*k.en_42'
const SECRETS = [TOKEN, GH_TOKEN, TESTIFY_SECRET, TESTIFY_SUBJECT, TESTIFY_TENANT]

/** Each tries a different way to start a line the runner reads as a command. */
const INJECTIONS = [
  '\n::error::FORGED',
  '\n::add-mask::FORGED',
  '\r::stop-commands::FORGED',
  '\r\n::set-output name=status::FORGED',
  '\u2028::notice::FORGED',
  '\n   ::warning file=x.ts::FORGED',
  ' ##[error]FORGED',
  '\u0085::debug::FORGED',
  '\u001b[2K\r::error::FORGED'
]

const RESULT_PATH = /^\/api\/v1\/projects\/743\/results\/\d+$/
const scenarioRun = { 'project-id': '743', 'scenario-ids': '1,2,3' }

let h: Harness
let testify: TestifySimulator
beforeAll(async () => {
  h = await startHarness(
    fastWorld({
      token: TOKEN,
      scenarios: {
        1: { name: `Sign in${INJECTIONS.slice(0, 5).join('')}`, outcomes: ['failed'] },
        2: { name: `Pay ${TOKEN}${INJECTIONS.slice(5).join('')}`, outcomes: ['failed'] },
        3: { name: `Echo ${escapeMarkdown(TOKEN)} ${encodeURIComponent(TOKEN)}` }
      }
    }),
    { token: GH_TOKEN }
  )
  testify = await startTestify()
})
afterAll(async () => {
  await h.close()
  await testify.close()
})

const run = (inputs: Record<string, string>) => h.run({ 'access-token': TOKEN, 'github-token': GH_TOKEN, ...inputs })

/** The commands the action writes itself; `add-mask` only of the secrets it was given. */
const OUR_COMMANDS = new Set(['error', 'warning', 'notice', 'debug', 'group', 'endgroup'])

/**
 * Every stdout line the runner would act on that the action did not mean to write: a legacy
 * `##[` command anywhere, a command the action never writes, an `add-mask` of anything but our
 * secrets, or a command whose message begins with the injected text.
 */
function forgedCommandLines(stdout: string): string[] {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const ourMasks = new Set(
    SECRETS.flatMap((s) => [s, encodeURIComponent(s), backslashMarkdown(s), JSON.stringify(s).slice(1, -1)]).map(
      (s) => `::add-mask::${escapeData(s)}`
    )
  )
  return stdout.split(/\r\n|\r|\n/).filter((line) => {
    if (line.includes('##[')) return true
    const command = line.trimStart()
    if (!command.startsWith('::')) return false
    if (command.startsWith('::add-mask::')) return !ourMasks.has(command)
    const parsed = /^::([^\s:]*)(?: [^]*?)?::([^]*)$/.exec(command)
    return !parsed || !OUR_COMMANDS.has(parsed[1]) || parsed[2].startsWith('FORGED')
  })
}

/** Every form a secret could leak in: raw, Markdown-escaped, URL-encoded, JSON-escaped. */
function expectNoSecretAnywhere(texts: string[]): void {
  const all = texts
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  for (const secret of SECRETS) {
    for (const form of new Set([secret, escapeMarkdown(secret), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      expect(all).not.toContain(form)
    }
  }
}

/** What every run against a hostile server must show, whatever else happened. */
function expectContained(result: ActionRun): void {
  expect(forgedCommandLines(result.stdout)).toEqual([])
  expectNoSecretAnywhere([
    everythingWritten(result),
    ...h.github.requests.map((r) => r.rawBody),
    ...testify.requests.map((r) => r.rawBody),
    ...h.github.checkRuns.flatMap((c) => [JSON.stringify(c.output), JSON.stringify(c.annotations)])
  ])
  expect(result.summary).not.toBe('')
}

function checkRunOf(result: ActionRun) {
  return h.github.checkRuns.find((c) => c.external_id === result.outputs['result-id'])
}

describe('names and fields that try to write workflow commands or leak the token', () => {
  const hostileCapability = (body: unknown) => {
    const result = body as { status: string; test_plan_capability_results?: { capability: Record<string, unknown> }[] }
    for (const c of result.test_plan_capability_results ?? []) {
      c.capability.os = `Linux${INJECTIONS.join('')}`
      c.capability.browser = `Chrome ${TOKEN}\n::add-mask::FORGED`
      c.capability.device = `Pixel\r::error::FORGED`
    }
    return result
  }

  it.each(['check-run', 'workflow-commands'])('in %s mode: no forged command, no secret, the run still reported', async (annotations) => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, transform: hostileCapability, times: 1000 })
    const result = await run({ ...scenarioRun, annotations, 'junit-report': 'autify-junit.xml', ...testifyInputs(testify) })
    h.autify.clearFaults()
    expectContained(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('failed')
    expect(result.stdout).toContain('Sign in')
    const junit = everythingWritten(result)
    expect(junit).toContain('<testsuites')
    if (annotations === 'check-run') {
      const check = checkRunOf(result)!
      expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
      expect(check.annotations.map((a) => a.title).join('\n')).toContain('Sign in')
    }
  })

  it('an error body that echoes the token is redacted before it is escaped or cut', async () => {
    const echo = { errors: [{ message: `token ${TOKEN} is not allowed; also ${escapeMarkdown(TOKEN)}\n::error::FORGED` }] }
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 500, body: echo, times: 1000 })
    const result = await run({ ...scenarioRun, timeout: '20', ...testifyInputs(testify) })
    h.autify.clearFaults()
    expectContained(result)
    expect(result.exitCode).toBe(1)
    expect(checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(result.summary).toContain('token \\*\\*\\* is not allowed')
  })
})

describe('a server that lies about types', () => {
  type Result = Record<string, unknown> & { test_plan_capability_results: Record<string, unknown>[] }
  const lies: [string, (r: Result) => unknown][] = [
    ['started_at as a number', (r) => ({ ...r, started_at: 1732700000 })],
    ['test_plan.name as a number', (r) => ({ ...r, test_plan: { id: 1, name: 5 } })],
    ['test_plan_capability_results as a number', (r) => ({ ...r, test_plan_capability_results: 5 })],
    [
      'test_case_results: [null]',
      (r) => ({ ...r, test_plan_capability_results: r.test_plan_capability_results.map((c) => ({ ...c, test_case_results: [null] })) })
    ],
    [
      'test_case_id as an XML injection',
      (r) => ({
        ...r,
        test_plan_capability_results: r.test_plan_capability_results.map((c) => ({
          ...c,
          test_case_results: (c.test_case_results as Record<string, unknown>[]).map((t) => ({ ...t, test_case_id: '1"/><injected a="' }))
        }))
      })
    ],
    ['status that is not a status', (r) => ({ ...r, status: 'failed\n::error::FORGED' })]
  ]

  it.each(lies)('%s: the check run completes as a failure, the summary and outputs are written', async (_, lie) => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, transform: (body) => lie(body as Result), times: 1000 })
    const result = await run({ ...scenarioRun, 'junit-report': 'autify-junit.xml' })
    h.autify.clearFaults()
    expectContained(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['result-id']).toMatch(/^\d+$/)
    expect(result.outputs['result-url']).toContain(`/results/${result.outputs['result-id']}`)
    expect(result.outputs['exit-code']).toBe('1')
    expect(result.stdout).toMatch(/Autify answered GET \/projects\/743\/results\/\d+ with an unexpected body \([\w.[\]]+ is /)
    expect(result.stdout).not.toMatch(/did not start|is not a function|TypeError/)
    expect(result.summary).toContain('stopped on an error')
    expect(everythingWritten(result)).not.toContain('<injected')
    const check = checkRunOf(result)!
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(check.output.summary).toContain(result.outputs['result-url'])
  })
})

describe('a redirect', () => {
  let other: SimulatorServer
  beforeAll(async () => {
    other = new SimulatorServer(() => ({ status: 200, body: { result_id: 666 } }))
    await other.listen()
  })
  afterAll(() => other.close())

  it('of the start to another port is not followed: no token or body goes there, and no foreign result is accepted', async () => {
    h.autify.fault({ method: 'POST', path: /execute_scenarios$/, status: 307, headers: { Location: `${other.origin}/grab?x=${TOKEN}` } })
    const result = await run(scenarioRun)
    expectContained(result)
    expect(other.requests).toHaveLength(0)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['result-id'] ?? '').toBe('')
    expect(result.stdout).toContain(`redirected (HTTP 307) to ${other.origin}/grab, which is not followed`)
    expect(result.stdout).not.toContain('a run may have started')
  })

  it('of a result read ends the wait with the redirect named, and the check run completed', async () => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 302, headers: { Location: `${other.origin}/results/1` }, times: 1000 })
    const result = await run(scenarioRun)
    h.autify.clearFaults()
    expectContained(result)
    expect(other.requests).toHaveLength(0)
    expect(result.stdout).toContain('The action follows no redirect')
    expect(checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })
})

describe('a server that never answers, or answers without end', () => {
  const TIMEOUT_S = 3
  const LIMIT_MS = (TIMEOUT_S + 15) * 1000

  it('Autify silent on every read: the step ends within timeout + 15 s with the summary and the check run', async () => {
    h.autify.fault({ method: 'GET', path: /./, hang: true, times: 1000 })
    const result = await run({ ...scenarioRun, timeout: String(TIMEOUT_S) })
    h.autify.clearFaults()
    expectContained(result)
    expect(result.durationMs).toBeLessThan(LIMIT_MS)
    expect(result.outputs['exit-code']).toBe('1')
    expect(result.stdout).toContain("Timed out after 3.0s ('timeout' input) before the run finished")
    expect(result.summary).toContain('No test case results yet')
    expect(checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'timed_out' })
  })

  it('Autify silent on scenario names: they fall back to `Scenario #ID` in time', async () => {
    h.autify.fault({ method: 'GET', path: /\/scenarios/, hang: true, times: 1000 })
    const result = await run({ ...scenarioRun, timeout: String(TIMEOUT_S) })
    h.autify.clearFaults()
    expectContained(result)
    expect(result.durationMs).toBeLessThan(LIMIT_MS)
    expect(result.outputs.status).toBe('failed')
    expect(result.summary).toContain('Scenario \\#1')
    expect(checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })

  it('GitHub and Testify silent: the step ends within timeout + 15 s and still writes the summary', async () => {
    h.github.fault({ path: /./, hang: true, times: 1000 })
    testify.fault({ path: /./, hang: true, times: 1000 })
    const result = await run({ ...scenarioRun, timeout: String(TIMEOUT_S), ...testifyInputs(testify) })
    h.github.clearFaults()
    testify.clearFaults()
    expectContained(result)
    expect(result.durationMs).toBeLessThan(LIMIT_MS)
    expect(result.summary).toContain('## ❌ Autify: 2 of 3 test cases failed')
    expect(result.summary).toContain('Testify did not answer in time')
    expect(result.stdout).toMatch(/Reporting to GitHub failed|Could not complete the check run/)
  })

  it('a 100 MB answer: a clear error, memory stays bounded, the check run completed', async () => {
    h.autify.fault({ method: 'GET', path: RESULT_PATH, floodBytes: 100 * 1024 * 1024, times: 1000 })
    const result = await run(scenarioRun)
    h.autify.clearFaults()
    expectContained(result)
    expect(result.stdout).toMatch(/with an answer larger than 32 MiB, more than the action reads/)
    expect(result.peakMemoryMiB ?? 0).toBeLessThan(300)
    expect(checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })
})
