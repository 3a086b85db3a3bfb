/**
 * A fenced reporter lifecycle (issue 19): a late name look-up cannot make a completed check run say
 * "running" or annotate twice. In a file of its own because it waits out a real 15 s patience
 * window, so it runs beside the other pull-request tests instead of after them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { SimCheckRun } from '../../simulator/github/github-simulator.js'
import type { ActionRun } from '../../simulator/run-action.js'
import { type Harness, fastWorld, startHarness } from '../helpers/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness(fastWorld({ scenarios: { 2: { name: 'Pay', durationMs: 200, outcomes: ['failed'] } } }))
})
afterAll(() => h.close())

const checkRunOf = (run: ActionRun): SimCheckRun[] => h.github.checkRuns.filter((c) => c.external_id === run.outputs['result-id'])

describe('a fenced reporter lifecycle', () => {
  it('a name look-up that outlasts its patience sends no "running" update after the completion, and no annotation twice', async () => {
    // The name look-up outlasts its patience (15 s from the end of the run) and gives up ~4 s after
    // the Autify client is disposed, while the completion of the check run (slow: 8 s a write) is on
    // its way.
    h.autify.fault({ method: 'GET', path: /\/scenarios\/2$/, delayMs: 17_000, times: 10 })
    h.github.fault({ method: 'PATCH', path: /\/check-runs\/\d+$/, delayMs: 8000, transform: (body) => body, times: 10 })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '2', timeout: '40' })
    // A write sent before the step exited is still applied by GitHub.
    await new Promise((resolve) => setTimeout(resolve, 6000))
    h.autify.clearFaults()
    h.github.clearFaults()
    expect(run.exitCode).toBe(1)
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
