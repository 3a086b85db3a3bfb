import type { TestCaseHistory } from '../model.js'
import { plural } from '../util/format.js'
import { link } from './markdown.js'

/** The wording of a test case's history (classified in classify-history.ts). */

const MARKS: Record<TestCaseHistory['kind'], string> = { new: '🆕', 'still-failing': '📌', unstable: '🎲', flaky: '🔁' }

/** `failed in the last run`, `failed in each of the last 3 runs`, `failed 2 of the last 5 runs`. */
function failedIn(failures: number, runs: number): string {
  if (failures < runs) return `failed ${failures} of the last ${plural(runs, 'run')}`
  return runs === 1 ? 'failed in the last run' : `failed in each of the last ${runs} runs`
}

function passedIn(runs: number): string {
  return runs === 1 ? 'passed in the last run' : `passed in each of the last ${runs} runs`
}

/**
 * `new failure: passed in each of the last 5 runs`, `still failing: failed in each of the last 2
 * runs, since #1920650`, `unstable: failed 2 of the last 5 runs`, `flaky: passed on a retry; failed
 * 1 of the last 3 runs`.
 */
export function historyText(
  history: TestCaseHistory,
  sinceLabel: (since: NonNullable<TestCaseHistory['since']>) => string = (s) => `#${s.resultId}`
): string {
  const since = history.since ? sinceLabel(history.since) : null
  switch (history.kind) {
    case 'new':
      return history.runs > 0 ? `new failure: ${passedIn(history.runs)}` : 'new: no earlier run to compare'
    case 'still-failing':
      return history.streak === 1
        ? `still failing: also failed in the last run${since ? `, ${since}` : ''}`
        : `still failing: failed in each of the last ${history.streak} runs${since ? `, since ${since}` : ''}`
    case 'unstable':
      return `unstable: ${failedIn(history.failures, history.runs)}`
    case 'flaky': {
      const before =
        history.runs === 0
          ? 'no earlier run to compare'
          : history.failures > 0
            ? failedIn(history.failures, history.runs)
            : passedIn(history.runs)
      return `flaky: passed on a retry; ${before}`
    }
  }
}

/** The mark and text for a Markdown table cell; nothing when there was no earlier run to compare. */
export function historyMarkdown(history: TestCaseHistory): string {
  if (history.runs === 0) return ''
  return `${MARKS[history.kind]} ${historyText(history, (since) => link(`#${since.resultId}`, since.url))}`
}
