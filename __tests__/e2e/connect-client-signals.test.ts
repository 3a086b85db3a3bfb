/**
 * The Connect Client and signals: a client that will not stop, a cancel during the run and while
 * the client starts, and the post step after a killed main step. A file of its own so it runs
 * beside the other Connect Client tests.
 *
 * @waits-real-time: its runs take real time (processes, the action's own time limits).
 */
import { describe, expect, it } from '@jest/globals'
import { postStepEnv } from '../../simulator/run-action.js'
import { sigtermWhen, waitFor } from '../helpers/connect.js'
import { apiCalls, h, run, runIsStarting, setup, useConnectSuite } from '../helpers/connect-suite.js'
import { autifyCalls } from '../helpers/harness.js'

useConnectSuite()

describe('autify-connect-client: true, and signals', () => {
  it('a client that ignores /terminate and SIGTERM is killed with SIGKILL', async () => {
    h.autify.connect.behaviour = { mode: 'hang', readyAfterMs: 0 }
    // 3 s: the fake learns to hang once it has connected, which a loaded machine may delay past 1 s.
    const result = await run({ 'project-id': '743', 'scenario-ids': '1', 'autify-connect-client-startup-timeout': '3' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('Terminate requested; ignoring it')
    expect(result.stdout).toContain('Stopped the Autify Connect Client (killed by SIGKILL).')
    expect(h.autify.connect.accessPoints.size).toBe(0)
  })

  it('SIGTERM during the run: the client is gone and the access point deleted within the cancel budget', async () => {
    const from = h.autify.requests.length
    const cancel = sigtermWhen(() => runIsStarting(from))
    const result = await run({ 'project-id': '743', 'scenario-ids': '2' }, cancel.onSpawn)
    expect(cancel.signalled()).toBe(true)
    expect(cancel.elapsed()).toBeLessThan(5000)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('Received SIGTERM')
    expect(h.autify.connect.accessPoints.size).toBe(0)
    expect(setup.clients()).toEqual([])
  })

  it('SIGTERM while the client starts: nothing is started, the client is gone and the access point deleted within the cancel budget', async () => {
    h.autify.connect.behaviour = { mode: 'never-ready', readyAfterMs: 0 }
    const calls = autifyCalls(h.autify).length
    const from = h.autify.requests.length
    // Once the client has connected (and is not ready).
    const cancel = sigtermWhen(() => h.autify.requests.slice(from).some((r) => r.path === '/fake-autify-connect/connect'))
    const result = await run({ 'project-id': '743', 'scenario-ids': '1', 'autify-connect-client-startup-timeout': '60' }, cancel.onSpawn)
    expect(cancel.signalled()).toBe(true)
    expect(cancel.elapsed()).toBeLessThan(5000)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      '::error::The job was cancelled while the Autify Connect Client was starting: nothing was started in Autify.'
    )
    expect(apiCalls(calls)).toEqual([
      'POST /projects/743/autify_connect/access_points',
      'DELETE /projects/743/autify_connect/access_points'
    ])
    expect(setup.clients()).toEqual([])
  })

  it('the main step killed with SIGKILL: the post step stops the client and deletes the access point', async () => {
    const from = h.autify.requests.length
    const main = await run({ 'project-id': '743', 'scenario-ids': '2' }, (child) => {
      void waitFor(() => runIsStarting(from), 20_000).then(() => child.kill('SIGKILL'))
    })
    expect(main.signal).toBe('SIGKILL')
    expect(setup.clients()).toHaveLength(1)
    expect(h.autify.connect.accessPoints.size).toBe(1)
    expect(main.state).toMatchObject({ isPost: 'true', 'connect-project-id': '743' })

    const post = await h.run({ ...setup.inputs, 'project-id': '743', 'scenario-ids': '2' }, { env: { ...setup.env, ...postStepEnv(main) } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Stopping the Autify Connect Client the main step left running')
    expect(post.stdout).toMatch(/Deleted the access point autify-web-test-action-[0-9a-f-]+ the main step left behind\./)
    expect(setup.clients()).toEqual([])
    expect(h.autify.connect.accessPoints.size).toBe(0)
  })
})
