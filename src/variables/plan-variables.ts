import type { ApiPlanVariable } from '../autify/api-types.js'
import type { AutifyClient } from '../autify/client.js'
import { AutifyError } from '../autify/errors.js'
import { AFTER_CANCEL, CLEAN_UP } from '../time-budget.js'
import { addSecret } from '../secrets.js'
import type { PlanVariable } from '../settings/settings.js'
import { MAX_PLAN_VARIABLES } from '../settings/parsers.js'
import type { PlanVariablesState, VariableChange } from './state.js'
import { errorMessage } from '../util/error-message.js'

/**
 * Test plan variables set for one run. A test plan has no per-run variables and its scenarios read
 * them while the run lasts, so they are set on the plan before it starts and put back once it has
 * ended. Every change is handed to `record` before its request goes out, so a post step can finish
 * the job after a main step that was killed.
 */
export class TemporaryPlanVariables {
  private readonly changes: VariableChange[] = []

  constructor(
    private readonly client: AutifyClient,
    private readonly testPlanId: number,
    private readonly record: (state: PlanVariablesState) => void,
    /** Once the job is cancelled, each restoring request gets only a short time. */
    private readonly cancelSignal?: AbortSignal
  ) {}

  /** Updates the keys the plan has, creates the others; touches no other key. Returns what it did. */
  async apply(wanted: readonly PlanVariable[]): Promise<{ updated: string[]; created: string[] }> {
    const existing = await this.client.listPlanVariables(this.testPlanId)
    const byKey = new Map(existing.map((v) => [v.key, v]))
    for (const { key } of wanted) addSecret(byKey.get(key)?.default_value)
    const created = wanted.filter((w) => !byKey.has(w.key)).map((w) => w.key)
    if (existing.length + created.length > MAX_PLAN_VARIABLES) {
      throw new AutifyError(
        `Test plan ${this.testPlanId} has ${existing.length} variables and 'test-plan-variables' adds ${created.length}: Autify keeps at most ${MAX_PLAN_VARIABLES}. Nothing was changed.`
      )
    }
    const updated: string[] = []
    for (const { key, value } of wanted) {
      // A cancelled job changes nothing more (what was changed is restored).
      if (this.cancelSignal?.aborted) throw this.cancelSignal.reason
      const found = byKey.get(key)
      if (found && found.default_value === value) continue
      const change: VariableChange = { key, id: found?.id ?? null, previous: found?.default_value ?? null, set: value }
      this.changes.push(change)
      this.save()
      try {
        if (found) await this.client.updatePlanVariable(this.testPlanId, found, value)
        else change.id = (await this.client.createPlanVariable(this.testPlanId, key, value)).id
      } catch (error) {
        this.forgetRefused(change, error)
        throw error
      }
      if (found) updated.push(key)
      else this.save()
    }
    return { updated, created }
  }

  get count(): number {
    return this.changes.length
  }

  /** Autify refused the change (a 4xx, e.g. a key taken meanwhile): there is nothing to put back. */
  private forgetRefused(change: VariableChange, error: unknown): void {
    const status = error instanceof AutifyError ? (error.status ?? 0) : 0
    if (status < 400 || status >= 500) return
    this.changes.splice(this.changes.indexOf(change), 1)
    this.save()
  }

  /** Puts back every change; resolves to warnings (someone else's value kept, a request that failed). */
  async restore(): Promise<string[]> {
    const left = await restoreChanges(this.client, { testPlanId: this.testPlanId, changes: this.changes }, this.timeoutMs())
    this.changes.splice(0, this.changes.length, ...left.changes)
    this.save()
    return left.warnings
  }

  private timeoutMs(): number {
    return this.cancelSignal?.aborted ? AFTER_CANCEL.cleanUpRequestMs : CLEAN_UP.planVariablesRestoreMs
  }

  private save(): void {
    this.record({ testPlanId: this.testPlanId, changes: this.changes })
  }
}

/**
 * Restores `state` on the plan as it is now: an updated key back to its old value, a created key
 * deleted, unless someone else changed it meanwhile (then theirs is kept, with a warning). Resolves
 * to the changes that could not be restored, to try again later, and the warnings.
 */
export async function restoreChanges(
  client: AutifyClient,
  state: PlanVariablesState,
  timeoutMs: number
): Promise<{ changes: VariableChange[]; warnings: string[] }> {
  const { testPlanId, changes } = state
  if (changes.length === 0) return { changes: [], warnings: [] }
  let current: ApiPlanVariable[]
  try {
    current = await client.listPlanVariables(testPlanId, timeoutMs)
  } catch (error) {
    return { changes: [...changes], warnings: [couldNotRestore(testPlanId, changes, error)] }
  }
  const outcomes = await Promise.allSettled(changes.map((change) => restoreOne(client, testPlanId, change, current, timeoutMs)))
  const warnings: string[] = []
  const left: VariableChange[] = []
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') {
      if (outcome.value) warnings.push(outcome.value)
      return
    }
    left.push(changes[index])
    warnings.push(couldNotRestore(testPlanId, [changes[index]], outcome.reason))
  })
  return { changes: left, warnings }
}

/** Restores one change; resolves to a warning when someone else's change is kept. */
async function restoreOne(
  client: AutifyClient,
  testPlanId: number,
  change: VariableChange,
  current: readonly ApiPlanVariable[],
  timeoutMs: number
): Promise<string | null> {
  const now = current.find((v) => (change.id === null ? v.key === change.key : v.id === change.id))
  const someoneElse = `The variable ${change.key} of test plan ${testPlanId} was changed by someone else while the run held it`
  if (!now) {
    // A create that never happened, or a variable someone else deleted: nothing to put back.
    return change.previous === null ? null : `${someoneElse} (it was deleted); it is not re-created.`
  }
  if (now.default_value !== change.set) {
    // The update never landed (or was already undone): nothing to do. Otherwise theirs is kept.
    return now.default_value === change.previous ? null : `${someoneElse}; their value is kept.`
  }
  if (change.previous === null) await client.deletePlanVariable(testPlanId, now, timeoutMs)
  else await client.updatePlanVariable(testPlanId, now, change.previous, timeoutMs)
  return null
}

function couldNotRestore(testPlanId: number, changes: readonly VariableChange[], error: unknown): string {
  const keys = changes.map((c) => c.key).join(', ')
  return `Could not restore the variables ${keys} of test plan ${testPlanId}: ${errorMessage(error)} Check them in Autify (test plan settings → variables), or later runs of the plan use this run's values.`
}
