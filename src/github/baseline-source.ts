import type { FindBaseline } from '../model.js'
import type { Reporter } from '../report/reporter.js'
import type { GitHubSettings } from '../settings/settings.js'
import type { Clock } from '../util/clock.js'
import { CheckRunReporter } from './check-run-reporter.js'
import type { GitHubContext } from './context.js'

/**
 * Where the failure history's baseline comes from for this run: the base branch's runs of this check
 * (github/baseline.ts, loaded only when something failed), or why there are none to look for.
 */
export function baselineSource(
  settings: GitHubSettings,
  github: GitHubContext,
  reporters: readonly Reporter[],
  clock: Clock
): FindBaseline {
  const checkRun = reporters.find((r): r is CheckRunReporter => r instanceof CheckRunReporter)
  return async (signal) => {
    const { base, repository } = github
    if (!base) return { missing: `the ${github.eventName ?? 'workflow'} event names no base commit` }
    if (!checkRun || !settings.token || !repository) {
      return { missing: "this run makes no check run ('annotations: check-run' and a 'github-token' are needed)" }
    }
    const { BASELINE_TIME_MS, findBaseline } = await import('./baseline.js')
    const target = { token: settings.token, apiUrl: github.apiUrl, ...repository, checkName: settings.checkName, base, clock }
    const timeLimit = AbortSignal.timeout(BASELINE_TIME_MS)
    return findBaseline(target, checkRun.ownApp(), signal ? AbortSignal.any([signal, timeLimit]) : timeLimit)
  }
}
