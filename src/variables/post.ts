import type { AutifyClient } from '../autify/client.js'
import { log } from '../log.js'
import { postStepClient } from '../post-client.js'
import type { Runtime } from '../runtime.js'
import { addSecret } from '../secrets.js'
import { CLEAN_UP } from '../time-budget.js'
import { restoreChanges } from './plan-variables.js'
import { hasPlanVariables, readPlanVariables, savePlanVariables } from './state.js'
import { errorMessage } from '../util/error-message.js'

/**
 * The post step's part for `test-plan-variables`: restores what a main step that was killed (or
 * could not reach Autify) left changed on the test plan.
 */
export async function restoreVariablesAfterMain(runtime: Runtime): Promise<void> {
  // Silent when there is nothing to restore: the Connect Client's clean-up already says the post step had nothing to do.
  if (!hasPlanVariables(runtime.state)) return
  let client: AutifyClient
  let accessToken: string
  try {
    ;({ client, accessToken } = postStepClient(runtime))
  } catch (error) {
    log.warning(`Could not restore the test plan variables: ${errorMessage(error)}`)
    return
  }
  try {
    const state = readPlanVariables(runtime.state, accessToken)
    if (!state) {
      log.warning(
        "Could not read which test plan variables the main step changed (was 'access-token' changed?). Check the test plan's variables in Autify."
      )
      return
    }
    for (const change of state.changes) for (const value of [change.previous, change.set]) addSecret(value ?? undefined)
    log.info(
      `Restoring the variables of test plan ${state.testPlanId} the main step left changed: ${state.changes.map((c) => c.key).join(', ')}…`
    )
    const left = await restoreChanges(client, state, CLEAN_UP.planVariablesRestoreMs)
    for (const warning of left.warnings) log.warning(warning)
    savePlanVariables(runtime.state, { testPlanId: state.testPlanId, changes: left.changes }, accessToken)
    if (left.changes.length === 0) log.info(`Restored the variables of test plan ${state.testPlanId}.`)
  } finally {
    client.dispose()
  }
}
