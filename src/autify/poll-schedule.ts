/**
 * When to ask for the result next. Polls soon after the start (an instant failure shows at once),
 * then spaces polls out up to `interval`; when the run's end can be predicted, it polls densely
 * around that moment. `interval` always bounds the gap, the deadline always ends it.
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
  /** Predicted time from the start until the run finishes, when known. */
  expectedTotalMs: number | null
}

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
  nextDelay(state: PollState): number {
    if (state.polls === 0) return this.firstPollMs
    this.gapMs = Math.min(this.intervalMs, Math.max(this.firstPollMs, this.gapMs * this.growth))
    if (state.expectedTotalMs === null) return this.gapMs
    const untilEnd = state.expectedTotalMs - state.elapsedMs
    // Arrive just as the run is predicted to end…
    if (untilEnd > this.densePollMs) return Math.min(this.gapMs, untilEnd)
    // …poll densely for a while after that moment…
    const grace = Math.max(5000, state.expectedTotalMs * 0.1)
    if (-untilEnd <= grace) {
      this.gapMs = this.densePollMs
      return this.densePollMs
    }
    // …and then the prediction was wrong: space polls out again.
    return this.gapMs
  }
}
