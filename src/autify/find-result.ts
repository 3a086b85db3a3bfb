import type { AutifyRunSettings, ExistingResult, KnownRunSettings, RunTarget } from '../settings/settings.js'
import { isExistingResult } from '../settings/settings.js'
import type { AutifyClient } from './client.js'
import { AutifyError } from './errors.js'
import { type StartHooks, startRun } from './start-run.js'

/** The run the step waits for: its first result, and what it runs. */
export interface FirstResult {
  resultId: number
  settings: KnownRunSettings
}

/**
 * Starts the run the settings describe, or, for a result started elsewhere (`autify-result-url`),
 * finds it and learns what it runs (a test plan, or scenarios) without starting anything.
 */
export async function startOrFind(settings: AutifyRunSettings, client: AutifyClient, hooks: StartHooks): Promise<FirstResult> {
  const { target } = settings
  if (isExistingResult(target)) {
    const found = await findResult(target, client)
    return { resultId: found.resultId, settings: { ...settings, target: found.target } }
  }
  const known = { ...settings, target }
  return { resultId: await startRun(known, client, hooks), settings: known }
}

/**
 * A result URL: read once, for its test plan (scenario runs have none). `latest`: the first entry
 * of the test plan's results list, which Autify orders newest first, whatever started it and
 * whether or not it has finished.
 */
export async function findResult(existing: ExistingResult, client: AutifyClient): Promise<{ resultId: number; target: RunTarget }> {
  const { projectId } = existing
  if (existing.kind === 'latest-result') {
    const [newest] = await client.listResults(projectId, { testPlanId: existing.testPlanId, perPage: 1 })
    if (!newest) {
      throw new AutifyError(
        `Test plan ${existing.testPlanId} of project ${projectId} has no results yet, so there is nothing to report. Check 'test-plan-id', or run the workflow after the plan's schedule has started it.`
      )
    }
    return { resultId: newest.id, target: { kind: 'test-plan', projectId, testPlanId: existing.testPlanId } }
  }
  const inputs = `'autify-result-url' (it names result ${existing.resultId} of project ${projectId})`
  const result = await client.describeResult(projectId, existing.resultId, undefined, inputs)
  if (result.test_plan) return { resultId: result.id, target: { kind: 'test-plan', projectId, testPlanId: result.test_plan.id } }
  const scenarioIds = result.test_plan_capability_results.flatMap((c) => c.test_case_results.map((t) => t.test_case_id))
  return { resultId: result.id, target: { kind: 'scenarios', projectId, scenarioIds: [...new Set(scenarioIds)] } }
}
