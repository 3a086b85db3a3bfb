import { type TestCaseReport, isTerminal } from '../model.js'
import { formatDuration, shownName } from '../util/format.js'
import { statusLabel } from '../report/markdown.js'
import type { ApiResult } from './api-types.js'
import { testCaseKeys } from './test-cases.js'

/** Counts per state, e.g. `2 passed, 1 failed, 3 running`. */
export function describeCounts(testCases: readonly TestCaseReport[]): string {
  const counts = new Map<string, number>()
  for (const testCase of testCases) counts.set(testCase.status, (counts.get(testCase.status) ?? 0) + 1)
  const order = ['passed', 'failed', 'internal_error', 'skipped', 'canceled', 'running', 'waiting']
  return order
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status.replace('_', ' ')}`)
    .join(', ')
}

/**
 * Log lines while waiting: one when the overall picture changes (not on every poll), and one for
 * each test case as it finishes, under its name: the lines of a read wait for the names it asked
 * for, and are written in the order of the reads.
 */
export class ProgressLog {
  private lastLine = ''
  private readonly finished = new Set<string>()
  private written: Promise<void> = Promise.resolve()

  constructor(
    private readonly write: (line: string) => void,
    private readonly prefix = ''
  ) {}

  /**
   * Returns the test cases that finished since the last read. Their lines, and the overall picture
   * when it changed, are written once `named` settles, with the names `rename` gives them then.
   */
  observe(
    result: ApiResult,
    testCases: readonly TestCaseReport[],
    elapsedMs: number,
    named: Promise<unknown> = Promise.resolve(),
    rename: (cases: readonly TestCaseReport[]) => readonly TestCaseReport[] = (cases) => cases
  ): TestCaseReport[] {
    const newlyFinished: TestCaseReport[] = []
    testCaseKeys(testCases).forEach((key, index) => {
      const testCase = testCases[index]
      if (!isTerminal(testCase.status) || this.finished.has(key)) return
      this.finished.add(key)
      newlyFinished.push(testCase)
    })
    const counts = describeCounts(testCases)
    const line = `${this.prefix}Result ${result.id} is ${result.status.replace('_', ' ')}${counts ? `: ${counts}` : ''}`
    const changed = line !== this.lastLine
    this.lastLine = line
    if (newlyFinished.length === 0 && !changed) return newlyFinished
    this.written = this.written
      .then(() => named)
      .catch(() => undefined)
      .then(() => {
        for (const testCase of rename(newlyFinished)) {
          this.write(
            `${this.prefix}${statusLabel(testCase.status)}: ${shownName(testCase.scenarioName)} · ${testCase.capability.label} (${formatDuration(testCase.durationMs)}) ${testCase.url ?? ''}`.trimEnd()
          )
        }
        if (changed) this.write(`${line} [${formatDuration(elapsedMs)}]`)
      })
    return newlyFinished
  }

  /** Settles once every line observed so far is written. */
  flush(): Promise<void> {
    return this.written
  }
}
