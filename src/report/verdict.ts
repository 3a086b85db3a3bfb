import { type RunReport, type TestCaseHistory, type TestCaseReport, isFailure } from '../model.js'
import { plural, shownName } from '../util/format.js'
import { historyText } from './history-text.js'

/**
 * What fails, in one place: every reporter asks here whether the step fails, what the check run
 * concludes, whether a failure is known from earlier runs and whether the comment says failing.
 */

/**
 * A failure the history knows from earlier runs (it failed in the latest one, or in some of the
 * recent ones): reported, but `fail-on: new` lets it pass. A failure without a history (not read,
 * or unavailable) is never known.
 */
export function isKnownFailure(testCase: TestCaseReport): testCase is TestCaseReport & { history: TestCaseHistory } {
  const kind = testCase.history?.kind
  return isFailure(testCase.status) && (kind === 'still-failing' || kind === 'unstable')
}

/** Failures not known from earlier runs: all of them when the history could not be read. */
export function newFailures(report: RunReport): TestCaseReport[] {
  return report.testCases.filter((c) => isFailure(c.status) && !isKnownFailure(c))
}

/** Why the step fails because of the run, or null when the run lets it pass. */
export function verdictOf(report: RunReport): string | null {
  const { counts } = report
  switch (report.outcome) {
    case 'passed':
    case 'started':
    case 'running':
      return null
    case 'failed': {
      if (counts.failed === 0) return `The Autify run ended as '${report.status}': ${report.resultUrl}`
      if (report.failOn !== 'new') return `${counts.failed} of ${counts.total} Autify test case results failed: ${report.resultUrl}`
      const fresh = newFailures(report).length
      if (fresh === 0) return null
      const unavailable = report.history?.unavailable ? ' The failure history was unavailable, so every failure counts as new.' : ''
      return `${fresh} new of ${counts.failed} failed Autify test case results (fail-on: new): ${report.resultUrl}${unavailable}`
    }
    default:
      return report.note ?? `The Autify run did not finish: ${report.resultUrl}`
  }
}

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out'

/**
 * The check run's conclusion. A failing step must not leave a passing required check, so only a
 * pass is `success`; failures that `fail-on: new` lets pass (all known from earlier runs) are
 * `neutral`.
 */
export function conclusionOf(report: RunReport): CheckConclusion {
  const { outcome } = report
  if (outcome === 'passed') return 'success'
  if (outcome === 'failed' && verdictOf(report) === null) return 'neutral'
  if (outcome === 'cancelled') return 'cancelled'
  if (outcome === 'timed-out') return 'timed_out'
  return 'failure'
}

/** The comment speaks of failures: the step fails, or something failed that `fail-on: new` let pass. */
export function commentSaysFailing(report: RunReport): boolean {
  return verdictOf(report) !== null || report.counts.failed > 0
}

/** Known failures named in the log when `fail-on: new` let them pass; null when there are none. */
export function knownFailuresWarning(report: RunReport, shown = 5): string | null {
  if (verdictOf(report) !== null || report.outcome !== 'failed') return null
  const known = report.testCases.filter(isKnownFailure)
  if (known.length === 0) return null
  const named = known
    .slice(0, shown)
    .map((c) => `${shownName(c.scenarioName)} on ${c.capability.label} — ${historyText(c.history)}`)
    .join('; ')
  return `${plural(known.length, 'failure')} known from earlier runs did not fail the step (fail-on: new): ${named}${known.length > shown ? '; …' : ''}`
}
