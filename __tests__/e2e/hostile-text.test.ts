/**
 * Hostile servers, what they say: names and fields that try to write workflow commands or leak the
 * token, answers that lie about types, redirects. Runs the action in-process, on a virtual clock;
 * the runs whose stdout must be checked as the runner reads it from the process start the bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SimulatorServer } from '../../simulator/http-server.js'
import { everythingWritten, testifyInputs } from '../helpers/harness.js'
import { type Hostile, INJECTIONS, RESULT_PATH, TOKEN, markdownEscaped, scenarioRun, startHostile } from '../helpers/hostile.js'
import { startInProcessHarness } from '../helpers/in-process-runner.js'

const hostileCapability = (body: unknown) => {
  const result = body as { status: string; test_plan_capability_results?: { capability: Record<string, unknown> }[] }
  for (const c of result.test_plan_capability_results ?? []) {
    c.capability.os = `Linux${INJECTIONS.join('')}`
    c.capability.browser = `Chrome ${TOKEN}\n::add-mask::FORGED`
    c.capability.device = `Pixel\r::error::FORGED`
  }
  return result
}

let w: Hostile
beforeAll(async () => {
  w = await startHostile(startInProcessHarness)
})
afterAll(() => w.close())

describe('as the runner starts it', () => {
  // Stdout as the runner reads it from the process: what the bundle writes, not only @actions/core.
  let p: Hostile
  beforeAll(async () => {
    p = await startHostile()
  })
  afterAll(() => p.close())

  it.each(['check-run', 'workflow-commands'])('in %s mode: no forged command, no secret, the run still reported', async (annotations) => {
    p.h.autify.fault({ method: 'GET', path: RESULT_PATH, transform: hostileCapability, times: 1000 })
    const result = await p.run({ ...scenarioRun, annotations, 'junit-report': 'autify-junit.xml', ...testifyInputs(p.testify) })
    p.h.autify.clearFaults()
    p.expectContained(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('failed')
    expect(result.stdout).toContain('Sign in')
    const junit = everythingWritten(result)
    expect(junit).toContain('<testsuites')
    if (annotations === 'check-run') {
      const check = p.checkRunOf(result)!
      expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
      expect(check.annotations.map((a) => a.title).join('\n')).toContain('Sign in')
    }
  })
})

describe('names and fields that try to write workflow commands or leak the token', () => {
  it('an error body that echoes the token is redacted before it is escaped or cut', async () => {
    const echo = { errors: [{ message: `token ${TOKEN} is not allowed; also ${markdownEscaped(TOKEN)}\n::error::FORGED` }] }
    w.h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 400, body: echo, times: 1000 })
    const result = await w.run({ ...scenarioRun, timeout: '20', ...testifyInputs(w.testify) })
    w.h.autify.clearFaults()
    w.expectContained(result)
    expect(result.exitCode).toBe(1)
    expect(w.checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(result.summary).toContain('token \\*\\*\\* is not allowed')
  })

  it('a Testify that echoes its key percent-encoded in lower case, as \\u escapes and with \\/: the key is nowhere', async () => {
    const key = 'tfy/S3cr+t/k3y'
    const lowerPercent = encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())
    const unicode = [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    const slash = key.replace(/\//g, '\\/')
    w.testify.fault({ method: 'GET', path: /testobjects/i, status: 400, body: { detail: `key=${lowerPercent}; ${unicode}; ${slash}` } })
    const result = await w.run({ ...scenarioRun, ...testifyInputs(w.testify), 'testify-api-key': key })
    w.testify.clearFaults()
    w.expectContained(result, [key])
    expect(result.stdout).toContain('Publishing to Testify failed')
    expect(result.stdout).toContain('key=***; ***; ***')
  })
})

describe('a Testify that echoes its key in escapes no list holds', () => {
  const key = 'tfy/S3cr+t=k&y/9'
  /** JSON text as System.Text.Json writes it by default: `&`, `+`, `'`, `<`, `>` as `\u00XX`, upper-case hex. */
  const systemTextJson = (value: unknown) =>
    JSON.stringify(value).replace(/[&+'<>]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
  /** HtmlEncoder.Default: `&`, `<`, `>`, `"` named, and `+`, `=`, `'` as hex references. */
  const htmlEncoder = (text: string) =>
    text.replace(
      /[&<>"+=']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`
    )
  const json = { 'Content-Type': 'application/problem+json; charset=utf-8' }

  it.each([
    [
      'JSON escapes mixed: \\/ for the slash, \\u002b, \\u003d and \\u0026 for +, = and &',
      String.raw`{"title":"Bad Request","status":400,"detail":"Header 'Secret' value \"tfy\\/S3cr\\u002bt\\u003dk\\u0026y\\/9\" is not valid."}`,
      json
    ],
    [
      'ASP.NET’s default escaping: an HTML-encoded echo written by System.Text.Json',
      systemTextJson({ title: 'Bad Request', status: 400, detail: `Header 'Secret' value '${htmlEncoder(key)}' is not valid.` }),
      json
    ],
    [
      'ASP.NET’s default escaping: an HTML error page',
      `<!DOCTYPE html><html><body><h1>Bad Request</h1><p>Header 'Secret' value '${htmlEncoder(key)}' is not valid.</p></body></html>`,
      undefined
    ]
  ])('%s: the key is nowhere', async (_, body, headers) => {
    w.testify.fault({ method: 'GET', path: /testobjects/i, status: 400, body, headers })
    const result = await w.run({ ...scenarioRun, ...testifyInputs(w.testify), 'testify-api-key': key })
    w.testify.clearFaults()
    w.expectContained(result, [key])
    expect(result.stdout).toContain('Publishing to Testify failed')
    expect(result.outputs.log).toContain('Publishing to Testify failed')
    if (headers) expect(result.stdout).toMatch(/value .\*\*\*. is not valid/)
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
    w.h.autify.fault({ method: 'GET', path: RESULT_PATH, transform: (body) => lie(body as Result), times: 1000 })
    const result = await w.run({ ...scenarioRun, 'junit-report': 'autify-junit.xml' })
    w.h.autify.clearFaults()
    w.expectContained(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['result-id']).toMatch(/^\d+$/)
    expect(result.outputs['result-url']).toContain(`/results/${result.outputs['result-id']}`)
    expect(result.outputs['exit-code']).toBe('1')
    expect(result.stdout).toMatch(/Autify answered GET \/projects\/743\/results\/\d+ with an unexpected body \([\w.[\]]+ is /)
    expect(result.stdout).not.toMatch(/did not start|is not a function|TypeError/)
    expect(result.summary).toContain('stopped on an error')
    expect(everythingWritten(result)).not.toContain('<injected')
    const check = w.checkRunOf(result)!
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
    w.h.autify.fault({ method: 'POST', path: /execute_scenarios$/, status: 307, headers: { Location: `${other.origin}/grab?x=${TOKEN}` } })
    const result = await w.run(scenarioRun)
    w.expectContained(result)
    expect(other.requests).toHaveLength(0)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['result-id'] ?? '').toBe('')
    expect(result.stdout).toContain(`redirected (HTTP 307) to ${other.origin}/grab, which is not followed`)
    expect(result.stdout).not.toContain('a run may have started')
  })

  it('of a result read ends the wait with the redirect named, and the check run completed', async () => {
    w.h.autify.fault({ method: 'GET', path: RESULT_PATH, status: 302, headers: { Location: `${other.origin}/results/1` }, times: 1000 })
    const result = await w.run(scenarioRun)
    w.h.autify.clearFaults()
    w.expectContained(result)
    expect(other.requests).toHaveLength(0)
    expect(result.stdout).toContain('The action follows no redirect')
    expect(w.checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })
})
