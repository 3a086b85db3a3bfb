/**
 * The Connect Client end-to-end suites' shared set-up: one harness with scenarios for short and
 * long runs, a fresh tool cache and fake-client behaviour for each test, and a check that no fake
 * client outlives its test. `useConnectSuite()` registers it; `h` and `setup` are live bindings.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { connectClientSetup, killAll } from './connect.js'
import { type Harness, autifyCalls, fastWorld, startHarness } from './harness.js'

export let h: Harness
export let setup: ReturnType<typeof connectClientSetup>

export function useConnectSuite(): void {
  beforeAll(async () => {
    h = await startHarness(
      fastWorld({
        scenarios: {
          1: { name: 'Sign in on localhost', durationMs: 300 },
          2: { name: 'Long checkout', durationMs: 20_000 },
          3: { name: 'Browse the catalogue', durationMs: 4000 }
        },
        testPlans: { 169408: { name: 'Local plan', scenarioIds: [1], capabilities: [{ os: 'Linux', browser: 'Chrome' }] } }
      })
    )
  })
  afterAll(() => h.close())

  beforeEach(() => {
    setup = connectClientSetup(h.autify.connectClientDownloadUrl)
    h.autify.connect.behaviour = { mode: 'normal', readyAfterMs: 50 }
    h.autify.connect.accessPoints.clear()
  })
  afterEach(() => {
    const left = setup.clients()
    killAll(left)
    setup.remove()
    // Every fake client a test started is gone at its end.
    expect(left).toEqual([])
  })
}

export const run = (inputs: Record<string, string>, onSpawn?: (child: ChildProcess) => void) =>
  h.run({ ...setup.inputs, ...inputs }, { env: setup.env, onSpawn })

/** The Autify API calls since the first `from` calls (not the download, not the fake client's). */
export const apiCalls = (from: number) =>
  autifyCalls(h.autify)
    .slice(from)
    .filter((c) => !/ \/(autifyconnect|fake-autify-connect)\//.test(c))

/** Whether the action has asked Autify to start a run since the first `from` requests. */
export const runIsStarting = (from: number) =>
  h.autify.requests.slice(from).some((r) => r.method === 'POST' && /execute_scenarios|schedules/.test(r.path))

/** Every key the simulator handed out. */
export const keys = () => [...h.autify.connect.accessPoints.values()].map((a) => a.key)
