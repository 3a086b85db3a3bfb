/**
 * A job's outputs together must fit GitHub's 1,000,000 bytes, counted in UTF-16, so that a
 * workflow can hand them on as job outputs: with 2,000 results of 5,000-character names (Latin and
 * CJK) and with 10,000 results.
 */
import { describe, expect, it } from '@jest/globals'
import { type Harness, fastWorld, startHarness } from '../helpers/harness.js'
import { startInProcessHarness } from '../helpers/in-process-runner.js'
import type { ActionRun } from '../../simulator/run-action.js'

const PLAN_ID = 170900
/** GitHub's limit on a job's outputs together, and on one output (1 MiB however it is counted). */
const JOB_OUTPUTS_MAX_UTF16_BYTES = 1_000_000
const OUTPUT_MAX_BYTES = 1024 * 1024

const utf16Bytes = (text: string) => text.length * 2

function planWorld(names: string[], failing: (index: number) => boolean) {
  const ids = names.map((_, i) => 30_000 + i)
  return fastWorld({
    scenarios: Object.fromEntries(
      ids.map((id, i) => [id, { name: names[i], durationMs: 50, outcomes: failing(i) ? (['failed'] as const) : (['passed'] as const) }])
    ),
    testPlans: { [PLAN_ID]: { name: 'Everything', scenarioIds: ids, capabilities: [{ os: 'Linux', browser: 'Chrome' }] } },
    parallelism: ids.length,
    scenarioPageSize: 100
  })
}

function expectWithinGitHubLimits(run: ActionRun): void {
  let total = 0
  for (const [name, value] of Object.entries(run.outputs)) {
    expect({ name, utf16: utf16Bytes(value) <= OUTPUT_MAX_BYTES, utf8: Buffer.byteLength(value) <= OUTPUT_MAX_BYTES }).toEqual({
      name,
      utf16: true,
      utf8: true
    })
    total += utf16Bytes(name) + utf16Bytes(value)
  }
  expect(total).toBeLessThanOrEqual(JOB_OUTPUTS_MAX_UTF16_BYTES)
}

/** Runs the action once against a fresh simulator holding `names` (in-process unless `start` says), closed whatever happens. */
async function runPlan(
  names: string[],
  failing: (index: number) => boolean,
  start: (world: ReturnType<typeof planWorld>) => Promise<Pick<Harness, 'run' | 'close'>> = startInProcessHarness
): Promise<ActionRun> {
  const h = await start(planWorld(names, failing))
  try {
    return await h.run(inputs)
  } finally {
    await h.close()
  }
}

const inputs = { 'project-id': '743', 'test-plan-id': String(PLAN_ID), annotations: 'workflow-commands', timeout: '120' }

describe('all outputs together within 1,000,000 UTF-16 bytes', () => {
  it('10,000 results, 3,000 of them failures', async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `Journey ${i + 1} through the catalogue, the cart and the checkout`)
    const run = await runPlan(names, (i) => i % 10 < 3)
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ total: '10000', failed: '3000', passed: '7000' })
    expectWithinGitHubLimits(run)
    const cases = JSON.parse(run.outputs['test-case-results']) as { status?: string; omitted?: number }[]
    expect(cases.at(-1)).toEqual({ omitted: 10_000 - (cases.length - 1) })
    expect(cases.slice(0, -1).every((c) => c.status === 'failed')).toBe(true)
  }, 180_000)
})

describe('as the runner starts it', () => {
  it('all outputs together within 1,000,000 UTF-16 bytes: 2,000 failures of 5,000-character names, half Latin and half CJK', async () => {
    const names = Array.from({ length: 2000 }, (_, i) =>
      `${i % 2 ? '決済の確認' : 'Checkout '}${i} `.padEnd(5000, i % 2 ? '検証手順' : 'step by step ')
    )
    const run = await runPlan(names, () => true, startHarness)
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ status: 'failed', total: '2000', failed: '2000' })
    expectWithinGitHubLimits(run)

    const cases = JSON.parse(run.outputs['test-case-results']) as { scenario_name?: string; omitted?: number }[]
    expect(cases.at(-1)).toEqual({ omitted: 2000 - (cases.length - 1) })
    expect(cases.length).toBeGreaterThan(20)
    expect(run.outputs.summary).toMatch(/^\*\*❌ Autify: 2000 of 2000 test cases failed\*\*\nTest plan Everything · \[Result /)
    expect(run.outputs.log).toMatch(/^… \d+ lines left out \(the job log has them all\)$/m)
    // Names cut at 300 characters, as everywhere they are shown: several failures fit the summary.
    expect(run.outputs.summary.match(/^- ❌ \[(Checkout|決済の確認) \d+ .{200,}…\]\(http/gmu)?.length).toBeGreaterThan(5)
    // The log keeps its end: the verdict.
    expect(run.outputs.log.split('\n').at(-1)).toMatch(/^Error: .*2000 of 2000|^Error: /)
  }, 180_000)
})
