import type { HistoryBaseline, TestCaseHistory } from '../model.js'
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

/** Said when the base branch had no run to compare with: the weaker comparison, named. */
export const FALLBACK_TEXT = "compared with the plan's latest runs in Autify (no run on the base branch found)"

/** How a result is named: `#1920690` in plain text, a link in Markdown, its URL in an annotation. */
type ResultLabel = (result: { resultId: number; url: string }) => string
const plainLabel: ResultLabel = (r) => `#${r.resultId}`

const onBranch = (ref: string | null) => `on ${ref ?? 'the base branch'}`
const short = (sha: string) => sha.slice(0, 7)

/** `compared with main at 5b1e4e4 (#1920690)`, `compared with 3 runs on main, the latest at 5b1e4e4 (#1920690)`. */
export function baselineText(
  baseline: { ref: string | null; sha: string; resultIds: readonly number[] },
  label: (resultId: number) => string = (id) => `#${id}`
): string {
  const latest = label(baseline.resultIds[0])
  if (baseline.resultIds.length === 1) return `compared with ${baseline.ref ?? 'the base branch'} at ${short(baseline.sha)} (${latest})`
  return `compared with ${plural(baseline.resultIds.length, 'run')} ${onBranch(baseline.ref)}, the latest at ${short(baseline.sha)} (${latest})`
}

/**
 * Against the base branch's runs: `new: passed on main at 5b1e4e4 (#1920690)`, `still failing: also
 * failed on main at 5b1e4e4 (#1920690)`, `unstable: failed 1 of the last 3 runs on main (the latest
 * at 5b1e4e4)`, `flaky: passed on a retry; passed on main at 5b1e4e4 (#1920690)`.
 */
function againstBaseline(history: TestCaseHistory, baseline: HistoryBaseline, sinceLabel: ResultLabel, latestLabel: ResultLabel): string {
  const where = onBranch(baseline.ref)
  const at = `at ${short(baseline.sha)}`
  const latest = `(${latestLabel({ resultId: baseline.resultIds[0], url: baseline.url ?? '' })})`
  const passed =
    history.runs === 1
      ? `passed ${where} ${at} ${latest}`
      : `passed in each of the last ${history.runs} runs ${where}, the latest ${at} ${latest}`
  const failed = `${failedIn(history.failures, history.runs)} ${where} (the latest ${at})`
  switch (history.kind) {
    case 'new':
      return history.runs > 0 ? `new: ${passed}` : `new: did not run ${where} ${at}`
    case 'still-failing': {
      const since = history.since ? sinceLabel(history.since) : latest
      return history.streak === 1
        ? `still failing: also failed ${where} ${at} (${since})`
        : `still failing: failed in each of the last ${history.streak} runs ${where} (the latest ${at}), since ${since}`
    }
    case 'unstable':
      return `unstable: ${failed}`
    case 'flaky':
      return `flaky: passed on a retry; ${history.runs === 0 ? `did not run ${where} ${at}` : history.failures > 0 ? failed : passed}`
  }
}

/**
 * `new failure: passed in each of the last 5 runs`, `still failing: failed in each of the last 2
 * runs, since #1920650`, `unstable: failed 2 of the last 5 runs`, `flaky: passed on a retry; failed
 * 1 of the last 3 runs`; against the base branch's runs, where they ran (see againstBaseline).
 */
export function historyText(history: TestCaseHistory, sinceLabel: ResultLabel = plainLabel, latestLabel: ResultLabel = plainLabel): string {
  if (history.baseline) return againstBaseline(history, history.baseline, sinceLabel, latestLabel)
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

/**
 * The mark and text for a Markdown table cell; nothing when there was no earlier run to compare
 * (a test that did not run on the base branch says so).
 */
export function historyMarkdown(history: TestCaseHistory): string {
  if (history.runs === 0 && !history.baseline) return ''
  const linked: ResultLabel = (result) => link(`#${result.resultId}`, result.url)
  return `${MARKS[history.kind]} ${historyText(history, linked, linked)}`
}
