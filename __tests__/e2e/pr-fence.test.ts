/**
 * A fenced reporter lifecycle (issue 19): a late name look-up cannot make a completed check run say
 * "running" or annotate twice. In-process, the real work raced on a wall clock five times faster
 * than real time: the 15 s patience window costs 3 s, a request's 30 s limit stays far off.
 *
 * @waits-real-time: its runs take real time (processes, the action's own time limits).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { SimCheckRun } from '../../simulator/github/github-simulator.js'
import type { ActionRun } from '../../simulator/run-action.js'
import { fastWorld } from '../helpers/harness.js'
import { fastForwardClock } from '../helpers/manual-clock.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

/** How long GitHub takes for each check-run write (real time). */
const WRITE_MS = 1000

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(fastWorld({ scenarios: { 2: { name: 'Pay', durationMs: 200, outcomes: ['failed'] } } }))
})
afterAll(() => h.close())

const checkRunOf = (run: ActionRun): SimCheckRun[] => h.github.checkRuns.filter((c) => c.external_id === run.outputs['result-id'])

describe('a fenced reporter lifecycle', () => {
  it('a name look-up that outlasts its patience sends no "running" update after the completion, and no annotation twice', async () => {
    // The name look-up outlasts its patience (15 s from the end of the run) and gives up, its
    // back-off on virtual time, once the Autify client is disposed, while the completion of the
    // check run (slow: a real second a write) is on its way.
    h.autify.fault({ method: 'GET', path: /\/scenarios\/2$/, hang: true, times: 10 })
    h.github.fault({ method: 'PATCH', path: /\/check-runs\/\d+$/, delayMs: WRITE_MS, transform: (body) => body, times: 10 })
    const wall = fastForwardClock(5)
    const started = wall.now()
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '2', timeout: '40' }, { wall })
    const wallElapsed = wall.now() - started
    // A write sent before the step ended is still applied by GitHub.
    await new Promise((resolve) => setTimeout(resolve, WRITE_MS + 500))
    h.autify.clearFaults()
    h.github.clearFaults()
    expect(run.exitCode).toBe(1)
    // The look-up outlasted the patience and failed late: the name fell back to the ID.
    expect(run.stdout).toContain('Scenario #2')
    expect(wallElapsed).toBeGreaterThanOrEqual(15_000)
    const [check] = checkRunOf(run)
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
    const completedAt = check.updates.findIndex((u) => u.status === 'completed')
    expect(completedAt).toBeGreaterThan(-1)
    const after = check.updates.slice(completedAt + 1).map((u) => JSON.stringify(u.output ?? {}))
    expect(after.filter((o) => /running/i.test(o))).toEqual([])
    expect(check.output.title).not.toMatch(/running/i)
    expect(check.annotations).toHaveLength(1)
  })
})
