import type { BaselineRun, BaselineRuns } from '../model.js'
import { HISTORY_RUNS } from '../report/classify-history.js'
import { redact } from '../secrets.js'
import { withinSignal } from '../util/abort.js'
import { clip } from '../util/format.js'
import { parseShape } from '../util/shape.js'
import { type CheckRunApp, checkRunListShape, commitListShape } from './api-shapes.js'
import { createOctokit } from './octokit.js'
import type { Clock } from '../util/clock.js'
import { resultsOfCheckRun } from './results-marker.js'
import { errorMessage, errorStatus } from '../util/error-message.js'

/**
 * The failure history's baseline: the runs of this check on the base branch, found on GitHub. Every
 * run the action reports leaves a check run on its commit whose `external_id` is the Autify result
 * ID (and whose summary names its retries, see results-marker.ts). The check runs of the same name
 * made by the same GitHub App on the base commit are the baseline; when there are fewer than
 * HISTORY_RUNS, those on the commits before it on that branch, newest first, at most
 * BASELINE_COMMITS commits in all.
 */

/** Commits looked at: the base commit and the ones before it (one page of the commits list). */
export const BASELINE_COMMITS = 10
/** Predecessors whose check runs are read at the same time. */
const CONCURRENT_COMMITS = 3
/** Finding the baseline on GitHub gets this long; then the plan's latest runs in Autify are used. */
export const BASELINE_TIME_MS = 5000

export interface BaselineTarget {
  token: string
  apiUrl: string
  owner: string
  repo: string
  checkName: string
  base: { sha: string; ref: string | null }
  /** The clock the waits between requests are on (request-pacing.ts). */
  clock: Clock
}

/** Conclusions of a run that ended with results to compare with (not cancelled, not timed out). */
const FINISHED = new Set(['success', 'failure', 'neutral'])

/**
 * The base branch's runs of `checkName` by `ownApp`, newest first, at most HISTORY_RUNS; or why
 * there are none (no check run of its own to know the app, no `checks: read`, no run found).
 */
export async function findBaseline(
  target: BaselineTarget,
  ownApp: Promise<CheckRunApp | null>,
  signal: AbortSignal = AbortSignal.timeout(BASELINE_TIME_MS)
): Promise<BaselineRuns | { missing: string }> {
  const app = await withinSignal(ownApp, signal).catch(() => null)
  if (!app) return { missing: 'this run has no check run of its own to tell which GitHub App made the earlier ones' }
  const finder = new BaselineFinder(target, app, signal)
  try {
    return await withinSignal(finder.find(), signal)
  } catch (error) {
    const status = errorStatus(error)
    if (status === 403 || status === 404) {
      return { missing: `the token cannot read check runs (HTTP ${status}): the job needs 'permissions: checks: read'` }
    }
    const reason = signal.aborted ? `not found within ${BASELINE_TIME_MS / 1000} s` : clip(redact(errorMessage(error)), 200)
    return { missing: `the base branch's check runs could not be read (${reason})` }
  }
}

class BaselineFinder {
  private readonly octokit

  constructor(
    private readonly target: BaselineTarget,
    private readonly app: CheckRunApp,
    private readonly signal: AbortSignal
  ) {
    this.octokit = createOctokit(target.token, target.apiUrl, () => undefined, target.clock)
  }

  async find(): Promise<BaselineRuns | { missing: string }> {
    const { base } = this.target
    const runs = await this.runsOn(base.sha)
    let looked = 1
    if (runs.length < HISTORY_RUNS) {
      // The base commit's own runs are what matter; the ones before it, only when there are too few.
      const earlier = await this.predecessors(base.sha).catch(() => [])
      for (let i = 0; i < earlier.length && runs.length < HISTORY_RUNS; i += CONCURRENT_COMMITS) {
        const batch = earlier.slice(i, i + CONCURRENT_COMMITS)
        looked += batch.length
        const found = await Promise.all(batch.map((sha) => this.runsOn(sha).catch(() => [])))
        runs.push(...found.flat())
      }
    }
    if (runs.length === 0) {
      return {
        missing: `no completed '${this.target.checkName}' check run on ${base.ref ?? 'the base branch'} at ${base.sha.slice(0, 7)} or the ${looked - 1} commits before it`
      }
    }
    return { ref: base.ref, sha: base.sha, runs: runs.slice(0, HISTORY_RUNS) }
  }

  /** This check's finished runs on `sha` by the same app, newest first. */
  private async runsOn(sha: string): Promise<BaselineRun[]> {
    const { owner, repo, checkName } = this.target
    const { data } = await this.octokit.rest.checks.listForRef({
      owner,
      repo,
      ref: sha,
      check_name: checkName,
      app_id: this.app.id,
      filter: 'all',
      per_page: 100,
      request: { signal: this.signal }
    })
    const runs: { id: number; resultIds: number[] }[] = []
    for (const run of parseShape(checkRunListShape, data).check_runs) {
      // Never another app's check run that happens to share the name.
      if (run.app?.id !== this.app.id || run.status !== 'completed' || !FINISHED.has(run.conclusion ?? '')) continue
      const resultIds = resultsOfCheckRun(run.external_id, run.output?.summary)
      if (resultIds) runs.push({ id: run.id, resultIds })
    }
    return runs.sort((a, b) => b.id - a.id).map(({ resultIds }) => ({ sha, resultIds }))
  }

  /** The commits before `sha` on its branch, newest first, within BASELINE_COMMITS. */
  private async predecessors(sha: string): Promise<string[]> {
    const { owner, repo } = this.target
    const { data } = await this.octokit.rest.repos.listCommits({
      owner,
      repo,
      sha,
      per_page: BASELINE_COMMITS,
      request: { signal: this.signal }
    })
    const commits = parseShape(commitListShape, data).map((c) => c.sha)
    return commits.filter((c) => c !== sha && /^[0-9a-f]{40}$/.test(c)).slice(0, BASELINE_COMMITS - 1)
  }
}
