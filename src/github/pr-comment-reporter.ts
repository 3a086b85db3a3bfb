import { log } from '../log.js'
import type { RunReport } from '../model.js'
import { prCommentMarker, renderPrComment } from '../report/pr-comment.js'
import type { FinishContext, Reporter, ReporterResult } from '../report/reporter.js'
import { commentSaysFailing } from '../report/verdict.js'
import type { ListTests, PrCommentMode } from '../settings/settings.js'
import { withinSignal } from '../util/abort.js'
import type { GitHubContext } from './context.js'
import type { Octokit } from './octokit.js'

/** Pages of 100 comments searched for ours. */
const MAX_COMMENT_PAGES = 10

export interface PrCommentOptions {
  token: string | null
  checkName: string
  mode: Exclude<PrCommentMode, 'off'>
  listTests: ListTests
}

/**
 * One comment per check name on the pull request, found again by its hidden marker and edited in
 * place on every run. Failing to comment (a read-only token on a fork's pull request) is a warning:
 * the step's outcome does not change.
 */
export class PullRequestCommentReporter implements Reporter {
  readonly name = 'pull-request comment'

  constructor(
    private readonly options: PrCommentOptions,
    private readonly github: GitHubContext
  ) {}

  async finish(report: RunReport, context: FinishContext): Promise<ReporterResult> {
    const { pullRequest, repository } = this.github
    if (!pullRequest || !repository) {
      log.debug(`No pull-request comment: the event is ${this.github.eventName ?? 'unknown'}, not a pull request.`)
      return {}
    }
    if (!this.options.token) {
      log.warning("No pull-request comment: 'github-token' is empty.")
      return {}
    }
    if (context.cancelled) return {}
    try {
      await withinSignal(this.upsert(report, { ...repository, issue_number: pullRequest }, context.signal), context.signal)
    } catch (error) {
      const status = (error as { status?: number }).status
      log.warning(
        status === 403 || status === 404
          ? `Could not comment on pull request #${pullRequest} (HTTP ${status}): the token needs 'pull-requests: write' (pull requests from forks get a read-only token). The step's outcome does not change.`
          : `Could not comment on pull request #${pullRequest}: ${(error as Error).message}`
      )
    }
    return {}
  }

  private async upsert(
    report: RunReport,
    where: { owner: string; repo: string; issue_number: number },
    signal: AbortSignal
  ): Promise<void> {
    const { createOctokit } = await import('./octokit.js')
    const octokit = createOctokit(this.options.token!, this.github.apiUrl, log.warning)
    const marker = prCommentMarker(this.options.checkName)
    const existing = await findComment(octokit, where, marker, signal)
    const failing = commentSaysFailing(report)
    if (this.options.mode === 'on-failure' && !failing && !existing) return
    const body = renderPrComment(report, {
      checkName: this.options.checkName,
      runUrl: this.github.runUrl,
      sha: this.github.sha,
      resolved: this.options.mode === 'on-failure' && !failing,
      listTests: this.options.listTests
    })
    if (existing) {
      await octokit.rest.issues.updateComment({ owner: where.owner, repo: where.repo, comment_id: existing, body, request: { signal } })
      log.info(`Updated the comment on pull request #${where.issue_number}.`)
    } else {
      await octokit.rest.issues.createComment({ ...where, body, request: { signal } })
      log.info(`Commented on pull request #${where.issue_number}.`)
    }
  }
}

/** The ID of the comment that starts with `marker`, or null. */
async function findComment(
  octokit: Octokit,
  where: { owner: string; repo: string; issue_number: number },
  marker: string,
  signal: AbortSignal
): Promise<number | null> {
  for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
    const { data } = await octokit.rest.issues.listComments({ ...where, per_page: 100, page, request: { signal } })
    const comments = Array.isArray(data) ? (data as unknown[]) : []
    for (const comment of comments) {
      const { id, body } = (comment ?? {}) as { id?: unknown; body?: unknown }
      if (Number.isSafeInteger(id) && typeof body === 'string' && body.startsWith(marker)) return id as number
    }
    if (comments.length < 100) return null
  }
  return null
}
