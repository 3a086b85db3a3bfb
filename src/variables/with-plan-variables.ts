import type { AutifyClient } from '../autify/client.js'
import { log } from '../log.js'
import type { StepState } from '../runtime.js'
import type { Settings } from '../settings/settings.js'
import { plural } from '../util/format.js'
import { TemporaryPlanVariables } from './plan-variables.js'
import { savePlanVariables } from './state.js'

/**
 * `work` (the run, from its start to its end) with the plan's variables set from
 * `test-plan-variables`, and restored after it in every outcome: ended, failed, cancelled.
 * Keys are logged; values never are.
 */
export async function withPlanVariables<T>(
  settings: Settings,
  client: AutifyClient,
  { signal, state }: { signal: AbortSignal; state: StepState },
  work: () => Promise<T>
): Promise<T> {
  const { target, planVariables } = settings
  if (target.kind !== 'test-plan' || planVariables.length === 0) return work()
  const save = (changes: Parameters<typeof savePlanVariables>[1]) => savePlanVariables(state, changes, settings.accessToken)
  const variables = new TemporaryPlanVariables(client, target.testPlanId, save, signal)
  try {
    const { updated, created } = await variables.apply(planVariables)
    const unchanged = planVariables.length - updated.length - created.length
    log.info(
      `Test plan ${target.testPlanId} variables for this run: ${[
        updated.length && `updated ${updated.join(', ')}`,
        created.length && `created ${created.join(', ')}`,
        unchanged && `${plural(unchanged, 'key')} already had the value`
      ]
        .filter(Boolean)
        .join('; ')}. They are restored when the run ends.`
    )
    signal.throwIfAborted()
    return await work()
  } finally {
    const changed = variables.count
    const warnings = await variables.restore()
    for (const warning of warnings) log.warning(warning)
    if (changed > 0 && variables.count === 0) log.info(`Restored the variables of test plan ${target.testPlanId}.`)
  }
}
