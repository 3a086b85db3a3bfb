/**
 * Cancelling the job (SIGINT, then SIGTERM) while the action waits and while a test plan starts.
 *
 * @waits-real-time: its runs take real time (processes, the action's own time limits).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { type Harness, fastWorld, startHarness } from '../helpers/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness(
    fastWorld({
      scenarios: { 1: { name: 'Long journey', durationMs: 120_000 }, 2: { name: 'Quick', durationMs: 200 } },
      testPlans: { 169408: { name: 'Nightly', scenarioIds: [1, 2], capabilities: [{ os: 'Linux', browser: 'Chrome' }] } }
    })
  )
})
afterAll(() => h.close())

/** Sends SIGINT once `ready()` holds, then SIGTERM later, as the runner does; `exitedAfter` is the time from SIGINT to exit. */
function cancelWhen(ready: () => boolean, sigtermAfterMs = 1000) {
  let exited: (ms: number) => void = () => undefined
  const exitedAfter = new Promise<number>((resolve) => (exited = resolve))
  const onSpawn = (child: ChildProcess) => {
    let sentAt = 0
    const poll = setInterval(() => {
      if (!ready()) return
      clearInterval(poll)
      sentAt = Date.now()
      child.kill('SIGINT')
      const term = setTimeout(() => child.kill('SIGTERM'), sigtermAfterMs)
      child.on('exit', () => clearTimeout(term))
    }, 20)
    child.on('exit', () => {
      clearInterval(poll)
      exited(sentAt ? Date.now() - sentAt : -1)
    })
  }
  return { onSpawn, exitedAfter }
}

describe('when the job is cancelled', () => {
  it('while waiting: stops polling, reports what is known as cancelled, completes the check run, exits within 5 s', async () => {
    const before = h.autify.requests.length
    const cancel = cancelWhen(() => h.autify.requests.slice(before).filter((r) => r.method === 'GET').length >= 2)
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1,2', timeout: '300' }, { onSpawn: cancel.onSpawn })
    const exitMs = await cancel.exitedAfter
    expect(exitMs).toBeGreaterThan(0)
    expect(exitMs).toBeLessThan(5000)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Received SIGINT: the job is being cancelled.')
    expect(run.stdout).toContain(`The job was cancelled while waiting. The run keeps going in Autify: ${run.outputs['result-url']}`)
    expect(run.summary).toContain('## 🚫 Autify: cancelled while waiting')
    expect(run.summary).toMatch(/Quick|Scenario \\#\u20602/)
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check).toMatchObject({ status: 'completed', conclusion: 'cancelled' })
    const lastPoll = Math.max(...h.autify.requests.filter((r) => r.method === 'GET').map((r) => r.at))
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(Math.max(...h.autify.requests.filter((r) => r.method === 'GET').map((r) => r.at))).toBe(lastPoll)
  })

  it('while a test plan starts: its temporary URL replacements are still deleted, and the step exits within 5 s', async () => {
    h.autify.fault({
      method: 'POST',
      path: 'schedules/169408',
      delayMs: 6000,
      afterHandling: true,
      status: 200,
      body: { data: { id: '1' } }
    })
    const cancel = cancelWhen(
      () => h.autify.replacementsOf(169408).length === 1 && h.autify.requests.some((r) => r.path === '/api/v1/schedules/169408')
    )
    const run = await h.run(
      { 'project-id': '743', 'test-plan-id': '169408', 'url-replacements': 'https://shop.example.com https://pr-7.example.com' },
      { onSpawn: cancel.onSpawn }
    )
    const exitMs = await cancel.exitedAfter
    expect(exitMs).toBeGreaterThan(0)
    expect(exitMs).toBeLessThan(5000)
    expect(run.exitCode).toBe(1)
    expect(h.autify.replacementsOf(169408)).toEqual([])
    expect(run.stdout).toContain('The job was cancelled before the run was confirmed to start. A run may have started anyway')
    h.autify.clearFaults()
  })
})
