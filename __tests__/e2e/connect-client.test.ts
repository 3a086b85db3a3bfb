/**
 * The Autify Connect Client run for the step: a scenario and a test plan through it, a client that
 * is never ready, exits early, is of another version or dies mid-run, a reconnect.
 *
 * @waits-real-time: its runs take real time (processes, the action's own time limits).
 */
import { describe, expect, it } from '@jest/globals'
import { postStepEnv } from '../../simulator/run-action.js'
import { apiCalls, h, keys, run, setup, useConnectSuite } from '../helpers/connect-suite.js'
import { AUTIFY_TOKEN, autifyCalls, everythingWritten, expectNoSecret } from '../helpers/harness.js'

useConnectSuite()

describe('autify-connect-client: true', () => {
  it('runs a scenario through an access point made for it, then leaves no client and no access point; the key is never shown', async () => {
    h.autify.connect.behaviour = { mode: 'normal', readyAfterMs: 50, logKey: true }
    const handedOut: string[] = []
    const created = h.autify.connect.created.length
    const result = await run({ 'project-id': '743', 'scenario-ids': '1' }, () => {
      const timer = setInterval(() => handedOut.push(...keys()), 20)
      setTimeout(() => clearInterval(timer), 8000).unref()
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.status).toBe('passed')
    const name = h.autify.connect.created[created]
    expect(name).toMatch(/^autify-web-test-action-[0-9a-f-]{36}$/)
    const start = h.autify.requests.filter((r) => r.path === '/api/v1/projects/743/execute_scenarios').at(-1)!
    expect(start.body).toMatchObject({ scenarios: [{ id: 1 }], autify_connect: { name } })
    expect(autifyCalls(h.autify).filter((c) => c.includes('access_points'))).toEqual(
      expect.arrayContaining(['POST /projects/743/autify_connect/access_points', 'DELETE /projects/743/autify_connect/access_points'])
    )
    const deleteCall = h.autify.requests.filter((r) => r.method === 'DELETE').at(-1)!
    expect(deleteCall.body).toEqual({ name })
    expect(h.autify.connect.accessPoints.size).toBe(0)
    expect(result.stdout).toContain('::group::Autify Connect Client\n')
    expect(result.stdout).toContain('Successfully connected to Autify')
    expect(result.stdout).toContain('Using key ***')
    expect(result.stdout).toContain(`Deleted the access point ${name}.`)

    const key = [...new Set(handedOut)][0]
    expect(key).toMatch(/^[0-9a-f]{30}$/)
    expect(result.stdout).toContain(`::add-mask::${key}`)
    expectNoSecret(everythingWritten(result), key, AUTIFY_TOKEN)
    for (const request of h.github.requests) expect(request.rawBody).not.toContain(key)

    // The post step finds nothing to do.
    const post = await h.run({ ...setup.inputs }, { env: { ...setup.env, ...postStepEnv(result) } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout.trim()).toBe(
      '::debug::Nothing to clean up: no Autify Connect Client was left running and no access point was left behind.'
    )
  })

  it('runs a test plan through it (autify_connect in the POST /schedules body), and takes the client from the tool cache the second time', async () => {
    const first = await run({ 'project-id': '743', 'test-plan-id': '169408' })
    expect(first.exitCode).toBe(0)
    const name = h.autify.connect.created.at(-1)
    const start = h.autify.requests.filter((r) => r.path === '/api/v1/schedules/169408').at(-1)!
    expect(start.body).toEqual({ autify_connect: { name } })
    expect(h.autify.connect.accessPoints.size).toBe(0)
    expect(first.stdout).toContain('Downloading Autify Connect Client v1.1.34 from')

    const downloads = () => h.autify.requests.filter((r) => r.path.startsWith('/autifyconnect/')).length
    const before = downloads()
    const second = await run({ 'project-id': '743', 'test-plan-id': '169408' })
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toContain('Autify Connect Client: Autify Connect version v1.1.34, build fake000 (from the tool cache)')
    expect(downloads()).toBe(before)
  })

  it('a client that never becomes ready: a clear error quoting its log, nothing started, the access point deleted', async () => {
    h.autify.connect.behaviour = { mode: 'never-ready', readyAfterMs: 0 }
    const calls = autifyCalls(h.autify).length
    // 3 s: the fake client says "Still connecting" every 0.5 s once connected, and on a loaded machine
    // its own start takes a second or more.
    const result = await run({ 'project-id': '743', 'scenario-ids': '1', 'autify-connect-client-startup-timeout': '3' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /::error::The Autify Connect Client was not ready within 3 s \(last status: starting\)\. Its last log lines:%0A.*warn: Still connecting: the relay does not answer/
    )
    expect(result.stdout).toContain('Nothing was started in Autify; the access point made for the run was deleted.')
    expect(result.summary).toContain('the run did not start')
    expect(result.outputs.status).toBe('error')
    expect(apiCalls(calls)).toEqual([
      'POST /projects/743/autify_connect/access_points',
      'DELETE /projects/743/autify_connect/access_points'
    ])
    expect(h.autify.connect.accessPoints.size).toBe(0)
  })

  it('a client that exits before it is ready: its exit code and last lines, nothing started', async () => {
    h.autify.connect.behaviour = { mode: 'exit-early', readyAfterMs: 200 }
    const calls = autifyCalls(h.autify).length
    const result = await run({ 'project-id': '743', 'scenario-ids': '1' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('::error::The Autify Connect Client exited before it was ready (exit code 3). Its last log lines:')
    expect(result.stdout).toContain('error: Failed to establish the tunnel: connection refused by the relay')
    expect(apiCalls(calls)).toEqual([
      'POST /projects/743/autify_connect/access_points',
      'DELETE /projects/743/autify_connect/access_points'
    ])
  })

  it('a client of another version is refused before anything is created', async () => {
    h.autify.connect.behaviour = { mode: 'normal', readyAfterMs: 0, reportVersion: 'v1.0.0' }
    const calls = autifyCalls(h.autify).length
    const result = await run({ 'project-id': '743', 'scenario-ids': '1', 'autify-connect-client-version': '1.1.35' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      `reports 'Autify Connect version v1.0.0, build fake000', not version v1.1.35. Check 'autify-connect-client-version' and 'autify-connect-client-download-url'.`
    )
    expect(apiCalls(calls)).toEqual([])
  })

  it('a client that dies mid-run: a clear error with its last lines, and the step fails instead of waiting on', async () => {
    h.autify.connect.behaviour = { mode: 'normal', readyAfterMs: 100, dieAfterRunStartMs: 300 }
    const result = await run({ 'project-id': '743', 'scenario-ids': '2' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('::error::The Autify Connect Client stopped during the run (exit code 2)')
    expect(result.stdout).toContain('error: Lost the tunnel to Autify: the relay closed the connection')
    expect(result.stdout).toContain('::error::The Autify Connect Client stopped during the run: see the error above.')
    expect(result.outputs.status).toBe('failed')
    // The 20-s test case fails when the connection is lost, not at its end.
    expect(result.durationMs).toBeLessThan(15_000)
    expect(h.autify.connect.accessPoints.size).toBe(0)
  })

  it('logs a reconnect while the run goes on', async () => {
    h.autify.connect.behaviour = { mode: 'normal', readyAfterMs: 100, reconnectAfterRunStartMs: 100, reconnectForMs: 1500 }
    const result = await run({ 'project-id': '743', 'scenario-ids': '3' })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('::warning::The Autify Connect Client lost its connection and is reconnecting: Reconnecting to Autify.')
    expect(result.stdout).toContain('The Autify Connect Client reconnected.')
  })

  it('refuses autify-connect with it, before any request', async () => {
    const calls = autifyCalls(h.autify).length
    const result = await run({ 'project-id': '743', 'scenario-ids': '1', 'autify-connect': 'office' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain("::error::Input 'autify-connect': cannot be combined with 'autify-connect-client: true'")
    expect(autifyCalls(h.autify).length).toBe(calls)
  })
})
