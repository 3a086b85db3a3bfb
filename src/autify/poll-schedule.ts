import type { Prediction } from './estimate.js'

/**
 * When to ask for the result next. Polls soon after the start (an instant failure shows at once),
 * then spaces polls out up to `interval`. When the end can be predicted, it skips ahead to just
 * before that moment and polls densely around it. `interval` always bounds the gap; the caller's
 * deadline always ends it.
 */
export interface PollScheduleOptions {
  intervalMs: number
  /** First poll after the start. */
  firstPollMs?: number
  /** Growth of the gap between polls while nothing is predicted. */
  growth?: number
  /** Gap while the run is expected to end any moment. */
  densePollMs?: number
}

export interface PollState {
  /** Time since the run started. */
  elapsedMs: number
  /** Polls made so far. */
  polls: number
  /** Predicted end, in milliseconds after the start, when known. */
  prediction: Prediction | null
}

/** Dense polling goes on at least this long past a predicted end before the prediction is given up. */
const MIN_GRACE_MS = 3000
/** Two polls are never closer than this. */
const MIN_GAP_MS = 200

export class PollSchedule {
  private readonly intervalMs: number
  private readonly firstPollMs: number
  private readonly growth: number
  private readonly densePollMs: number
  private gapMs: number

  constructor(options: PollScheduleOptions) {
    this.intervalMs = options.intervalMs
    this.firstPollMs = Math.min(options.firstPollMs ?? 1000, options.intervalMs)
    this.growth = options.growth ?? 1.6
    this.densePollMs = Math.min(options.densePollMs ?? 1000, options.intervalMs)
    this.gapMs = this.firstPollMs
  }

  /** Milliseconds to wait before the next poll. */
  nextDelay({ elapsedMs, polls, prediction }: PollState): number {
    if (polls === 0) return this.firstPollMs
    this.gapMs = Math.min(this.intervalMs, Math.max(this.firstPollMs, this.gapMs * this.growth))
    if (!prediction) return this.gapMs
    // At the predicted end: a run that ends later is seen within one dense gap, one that ended
    // earlier at most the prediction's error late.
    const target = prediction.endMs
    if (elapsedMs < target) return Math.min(this.intervalMs, Math.max(MIN_GAP_MS, target - elapsedMs))
    if (elapsedMs <= prediction.endMs + Math.max(MIN_GRACE_MS, 2 * prediction.spreadMs)) {
      this.gapMs = this.densePollMs
      return this.densePollMs
    }
    // The prediction was wrong: space polls out again, starting small.
    return this.gapMs
  }
}
