/**
 * Every time limit of the clean-up, in one place. After a cancel the runner kills the step about
 * 10 s after its first signal: `AFTER_CANCEL` hands each phase its share, and the step exits on
 * its own at `totalMs`, well before the kill. `CLEAN_UP` holds the limits when nobody is waiting.
 */
export const AFTER_CANCEL = {
  /** Everything has ended by then, or the step exits (`run()` in main.ts). */
  totalMs: 4500,
  /** A start already sent may still answer: a test plan's URL replacements must outlive it. */
  startGraceMs: 1500,
  /** The reporters, all together (the job summary is written first). */
  reportingMs: 2500,
  /** Each request deleting a URL replacement or restoring a test plan variable. */
  cleanUpRequestMs: 2000,
  /** Each step of stopping the Connect Client (terminate, SIGTERM, SIGKILL). */
  clientStopStepMs: 700,
  /** Deleting the access point, at the same time as the client stops. */
  accessPointDeleteMs: 2000
} as const

export const CLEAN_UP = {
  /** Each step of stopping the Connect Client (terminate, SIGTERM, SIGKILL). */
  clientStopStepMs: 2000,
  /** Deleting the access point. */
  accessPointDeleteMs: 10_000,
  /** Restoring the test plan variables (each request). */
  planVariablesRestoreMs: 10_000
} as const

/**
 * Reporting to GitHub and Testify ends at most `budgetMs` after `timeout` (the run itself never
 * goes past it), so a silent API cannot hold the step much beyond the time the user gave it, but
 * always gets `minMs`, even when the last read and the name look-ups used the budget.
 */
export const REPORTING = { budgetMs: 12_000, minMs: 3000 } as const
