/**
 * Quiet by default, complete on demand: a 500-case test plan with 3 failures. The default run is
 * the bundle as the runner starts it; the others run in-process, where GitHub's pacing of the
 * annotations (10 writes a second apart) costs no real time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Harness, fastWorld, startHarness } from '../helpers/harness.js'
import { startInProcessHarness } from '../helpers/in-process-runner.js'

const PLAN_ID = 170500
const SCENARIO_IDS = Array.from({ length: 500 }, (_, i) => 20_000 + i)
const FAILING = new Set(SCENARIO_IDS.slice(100, 103))
const PLAN = { 'project-id': '743', 'test-plan-id': String(PLAN_ID) }

const world = () =>
  fastWorld({
    scenarios: Object.fromEntries(
      SCENARIO_IDS.map((id, i) => [
        id,
        { name: `Journey ${i + 1}`, durationMs: 100, outcomes: FAILING.has(id) ? (['failed'] as const) : (['passed'] as const) }
      ])
    ),
    testPlans: { [PLAN_ID]: { name: 'Full regression', scenarioIds: SCENARIO_IDS, capabilities: [{ os: 'Linux', browser: 'Chrome' }] } },
    parallelism: 500,
    scenarioPageSize: 100
  })

let h: Pick<Harness, 'github' | 'run' | 'close'>
beforeAll(async () => {
  h = await startInProcessHarness(world())
})
afterAll(() => h.close())

const checkRunOf = (resultId: string, harness = h) => harness.github.checkRuns.find((c) => c.external_id === resultId)!

describe('a 500-case test plan with 3 failures, as the runner starts it', () => {
  let runner: Harness
  beforeAll(async () => {
    runner = await startHarness(world())
  })
  afterAll(() => runner.close())

  it('by default: 3 failure annotations and no pass annotation, a job summary under 20 KB with the passes folded', async () => {
    const run = await runner.run(PLAN)
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ total: '500', failed: '3', passed: '497' })

    const check = checkRunOf(run.outputs['result-id'], runner)
    expect(check.annotations.map((a) => a.annotation_level)).toEqual(['failure', 'failure', 'failure'])
    expect(check.annotations.map((a) => a.title)).toEqual([
      'Failed: Journey 101 · Linux · Chrome 136.0',
      'Failed: Journey 102 · Linux · Chrome 136.0',
      'Failed: Journey 103 · Linux · Chrome 136.0'
    ])

    expect(Buffer.byteLength(run.summary)).toBeLessThan(20_000)
    expect(run.summary).toContain('<details><summary>✅ 497 passed test cases</summary>')
    expect(run.summary.match(/^\| ❌ Failed \| \[Journey 10[123]\]\(/gm)).toHaveLength(3)
    expect(run.summary).not.toMatch(/^\| ✅ Passed \| \[/m)

    // The summary output names the three failures, with their links, within a chat message's size.
    expect(run.outputs.summary.length).toBeLessThanOrEqual(4000)
    expect(run.outputs.summary.match(/^- ❌ \[Journey 10[123]\]\(http/gm)).toHaveLength(3)
  })
})

describe('a 500-case test plan with 3 failures', () => {
  it('annotate-passes: true annotates all 500; list-tests: all lists every pass with its link', async () => {
    const run = await h.run({ ...PLAN, 'annotate-passes': 'true', 'list-tests': 'all' })
    expect(run.exitCode).toBe(1)
    const check = checkRunOf(run.outputs['result-id'])
    expect(check.annotations).toHaveLength(500)
    expect(check.annotations.filter((a) => a.annotation_level === 'notice')).toHaveLength(497)
    expect(run.summary).toContain('<details><summary>✅ 497 passed test cases</summary>')
    expect(run.summary.match(/^\| ✅ Passed \| \[Journey \d+\]\(/gm)).toHaveLength(497)
  })

  it('list-tests: none lists no test case in the job summary, only the counts', async () => {
    const run = await h.run({ ...PLAN, 'list-tests': 'none', annotations: 'none' })
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain('| 497 | 3 | 0 | 500 |')
    expect(run.summary).not.toContain('Journey')
  })
})
