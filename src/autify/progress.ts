import { type TestCaseReport, isTerminal } from '../model.js'
import { formatDuration } from '../util/format.js'
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
 * each test case as it finishes.
 */
export class ProgressLog {
  private lastLine = ''
  private readonly finished = new Set<string>()

  constructor(
    private readonly write: (line: string) => void,
    private readonly prefix = ''
  ) {}

  /**
   * Logs the overall picture when it changed and returns the test cases that finished since the
   * last call; `logFinished` logs those once their names are known.
   */
  observe(result: ApiResult, testCases: readonly TestCaseReport[], elapsedMs: number): TestCaseReport[] {
    const newlyFinished: TestCaseReport[] = []
    testCaseKeys(testCases).forEach((key, index) => {
      const testCase = testCases[index]
      if (!isTerminal(testCase.status) || this.finished.has(key)) return
      this.finished.add(key)
      newlyFinished.push(testCase)
    })
    const counts = describeCounts(testCases)
    const line = `${this.prefix}Result ${result.id} is ${result.status.replace('_', ' ')}${counts ? `: ${counts}` : ''}`
    if (line !== this.lastLine) {
      this.lastLine = line
      this.write(`${line} [${formatDuration(elapsedMs)}]`)
    }
    return newlyFinished
  }

  /** One line per finished test case. */
  logFinished(testCases: readonly TestCaseReport[]): void {
    for (const testCase of testCases) {
      this.write(
        `${this.prefix}${statusLabel(testCase.status)}: ${testCase.scenarioName} · ${testCase.capability.label} (${formatDuration(testCase.durationMs)}) ${testCase.url ?? ''}`.trimEnd()
      )
    }
  }
}
