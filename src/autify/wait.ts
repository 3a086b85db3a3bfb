import { isTerminal } from '../model.js'
import type { Clock, Deadline } from '../util/clock.js'
import type { ApiResult } from './api-types.js'
import type { AutifyClient } from './client.js'
import { AutifyError } from './errors.js'
import type { Prediction } from './estimate.js'
import type { PollSchedule } from './poll-schedule.js'
import { errorMessage } from '../util/error-message.js'

export type WaitOutcome =
  | { kind: 'finished'; result: ApiResult; polls: number }
  | { kind: 'timed-out'; last: ApiResult | null; polls: number }
  | { kind: 'cancelled'; last: ApiResult | null; polls: number }
  | { kind: 'error'; error: Error; last: ApiResult | null; polls: number }

export interface WaitOptions {
  client: AutifyClient
  projectId: number
  resultId: number
  clock: Clock
  deadline: Deadline
  signal: AbortSignal
  schedule: PollSchedule
  /** When the run was started, on `clock`. */
  startedAt: number
  /**
   * A cheaper first poll: the run's entry in a list (no test case results), or null to read the
   * result itself. Only a finished entry is followed by a full read.
   */
  firstLook?: () => Promise<ApiResult | null>
  /** Predicted end of the run, in milliseconds after `startedAt`, when known. */
  predict?: () => Prediction | null
  /** Called with every result read. */
  onResult?: (result: ApiResult) => void
  /** Called when a poll failed but waiting goes on. */
  onTransientError?: (message: string) => void
  /** Failed polls in a row that end the wait. */
  maxConsecutiveErrors?: number
}

export function isFinished(result: ApiResult): boolean {
  return Boolean(result.finished_at) || isTerminal(result.status)
}

/**
 * Polls the result until it finishes, the deadline passes, the job is cancelled, or an error
 * persists. A failed poll does not end the wait; several in a row, or a rejected token, do.
 */
export async function waitForResult(options: WaitOptions): Promise<WaitOutcome> {
  const { client, clock, deadline, signal, schedule } = options
  const maxErrors = options.maxConsecutiveErrors ?? 3
  let last: ApiResult | null = null
  let polls = 0
  let errorsInARow = 0
  for (;;) {
    if (deadline.passed) return { kind: 'timed-out', last, polls }
    const delay = schedule.nextDelay({
      elapsedMs: clock.now() - options.startedAt,
      polls,
      prediction: options.predict?.() ?? null
    })
    try {
      // When the deadline comes first, poll once more exactly then.
      await clock.sleep(Math.min(delay, deadline.remainingMs()), signal)
    } catch {
      return { kind: 'cancelled', last, polls }
    }
    polls++
    if (polls === 1 && options.firstLook) {
      const entry = await options.firstLook()
      if (signal.aborted) return { kind: 'cancelled', last, polls }
      if (entry && !isFinished(entry)) continue
    }
    try {
      const result = await client.describeResult(options.projectId, options.resultId, deadline)
      errorsInARow = 0
      last = result
      options.onResult?.(result)
      if (isFinished(result)) return { kind: 'finished', result, polls }
    } catch (error) {
      if (signal.aborted) return { kind: 'cancelled', last, polls }
      const fatal = error instanceof AutifyError && (error.status === 401 || error.status === 403)
      errorsInARow++
      if (fatal || errorsInARow >= maxErrors) return { kind: 'error', error: error as Error, last, polls }
      options.onTransientError?.(
        `Reading the result failed (${errorMessage(error)}); still waiting (failure ${errorsInARow} in a row; waiting ends after ${maxErrors}).`
      )
    }
  }
}
