import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { StepState } from '../runtime.js'

/** One variable the run changed on the test plan: what to put back after it. */
export interface VariableChange {
  key: string
  /** The variable's ID; null while a create has not answered (then it is found by key). */
  id: number | null
  /** Its default value before the run; null when the run created it (then it is deleted). */
  previous: string | null
  /** The value the run set, to tell whether someone else changed it meanwhile. */
  set: string
}

export interface PlanVariablesState {
  testPlanId: number
  changes: VariableChange[]
}

const STATE_KEY = 'test-plan-variables'

/**
 * The state is a file the runner keeps for the post step, and the values in it may be credentials:
 * it holds them encrypted (AES-256-GCM) under a key derived from the Autify access token, which the
 * post step is given again and which never reaches the file. Keys, IDs and all are encrypted alike.
 */
function cipherKey(accessToken: string): Buffer {
  return createHash('sha256').update('autify-web-test-action test-plan-variables\0').update(accessToken).digest()
}

export function sealState(state: PlanVariablesState, accessToken: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', cipherKey(accessToken), iv)
  const sealed = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')
}

/** The state sealed by `sealState`; null when there is none or it cannot be opened with this token. */
export function openState(text: string, accessToken: string): PlanVariablesState | null {
  if (!text) return null
  try {
    const bytes = Buffer.from(text, 'base64')
    const decipher = createDecipheriv('aes-256-gcm', cipherKey(accessToken), bytes.subarray(0, 12))
    decipher.setAuthTag(bytes.subarray(12, 28))
    const json = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
    const state = JSON.parse(json) as PlanVariablesState
    return Number.isInteger(state?.testPlanId) && Array.isArray(state.changes) ? state : null
  } catch {
    return null
  }
}

/** Saves what is left to restore (a later save replaces an earlier one; none left clears it). */
export function savePlanVariables(step: StepState, state: PlanVariablesState, accessToken: string): void {
  step.save(STATE_KEY, state.changes.length ? sealState(state, accessToken) : '')
}

export function readPlanVariables(step: StepState, accessToken: string): PlanVariablesState | null {
  return openState(step.read(STATE_KEY), accessToken)
}

/** The main step left test plan variables to restore (unreadable or not). */
export function hasPlanVariables(step: StepState): boolean {
  return step.read(STATE_KEY) !== ''
}
