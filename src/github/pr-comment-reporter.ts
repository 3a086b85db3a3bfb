import { log } from '../log.js'
import type { RunReport } from '../model.js'
import { prCommentMarker, renderNotStartedComment, renderPrComment } from '../report/pr-comment.js'
import type { FinishContext, NotStarted, Reporter, ReporterResult } from '../report/reporter.js'
import { commentSaysFailing } from '../report/verdict.js'
import type { ListTests, PrCommentMode } from '../settings/settings.js'
import { withinSignal } from '../util/abort.js'
import type { Clock } from '../util/clock.js'
import { type CommentAuthor, type CommentRecord, commentListShape, commentShape, pullRequestListShape } from './api-shapes.js'
import { isWrittenBy, tokenAuthor } from './comment-author.js'
import type { GitHubContext } from './context.js'
import type { Octokit } from './octokit.js'
import { SEND_ONCE, createOnce } from './write-once.js'
import { errorMessage, errorStatus } from '../util/error-message.js'
import { ShapeError, parseShape } from '../util/shape.js'

/** Pages of 100 comments searched for ours. */
const MAX_COMMENT_PAGES = 10
/** Open pull requests of one commit that get the comment. */
const MAX_PULL_REQUESTS = 5

export interface PrCommentOptions {
  token: string | null
  checkName: string
  mode: Exclude<PrCommentMode, 'off'>
  listTests?: ListTests
  /** The `pr-number` input: the pull request to comment on, whatever the event. */
  pullRequest?: number | null
}

/** What the comment says: whether it reports a failure, and its body (`resolved`: failures gone). */
interface CommentContent {
  failing: boolean
  render: (resolved: boolean) => string
}

interface Where {
  owner: string
  repo: string
  issue_number: number
}

/**
 * One comment per check name on the pull request, written by the token's own identity, found again
 * by its hidden marker and its author, and edited in place on every run. The pull request is the
 * `pr-number` input, the event's, or (on `workflow_run`, `push`, `deployment_status`, …) each open
 * one whose head is the tested commit. Failing to comment is a warning: the step's outcome does not
 * change.
 */
export class PullRequestCommentReporter implements Reporter {
  readonly name = 'pull-request comment'

  constructor(
    private readonly options: PrCommentOptions,
    private readonly github: GitHubContext,
    private readonly clock: Clock
  ) {}

  async finish(report: RunReport, context: FinishContext): Promise<ReporterResult> {
    return this.comment(context, {
      failing: commentSaysFailing(report),
      render: (resolved) =>
        renderPrComment(report, {
          checkName: this.options.checkName,
          runUrl: this.github.runUrl,
          sha: this.github.sha,
          resolved,
          listTests: this.options.listTests
        })
    })
  }

  /** The run did not start: a failure, so the comment says so in either mode. */
  async notStarted(event: NotStarted, context: FinishContext): Promise<ReporterResult> {
    return this.comment(context, {
      failing: true,
      render: () =>
        renderNotStartedComment(
          event.reason,
          { checkName: this.options.checkName, runUrl: this.github.runUrl, sha: this.github.sha },
          event.kind
        )
    })
  }

  private async comment(context: FinishContext, content: CommentContent): Promise<ReporterResult> {
    const { repository } = this.github
    const named = this.options.pullRequest ?? this.github.pullRequest
    if (!repository) {
      log.debug('No pull-request comment: GITHUB_REPOSITORY is not set.')
      return {}
    }
    if (!this.options.token) {
      if (named) log.warning("No pull-request comment: 'github-token' is empty.")
      else log.debug("No pull-request comment: 'github-token' is empty.")
      return {}
    }
    if (context.cancelled) return {}
    const { createOctokit } = await import('./octokit.js')
    const octokit = createOctokit(this.options.token, this.github.apiUrl, log.warning, this.clock)
    const numbers = named ? [named] : await this.openPullRequestsOfCommit(octokit, repository, context.signal)
    for (const number of numbers) {
      try {
        await withinSignal(this.upsert(octokit, content, { ...repository, issue_number: number }, context.signal), context.signal)
      } catch (error) {
        log.warning(commentFailure(number, repository, error))
      }
    }
    return {}
  }

  /** The open pull requests whose head is the tested commit: where a run on any event belongs. */
  private async openPullRequestsOfCommit(
    octokit: Octokit,
    repository: NonNullable<GitHubContext['repository']>,
    signal: AbortSignal
  ): Promise<number[]> {
    const { sha, eventName } = this.github
    const none = (why: string) => {
      log.debug(`No pull-request comment: ${why} (event ${eventName ?? 'unknown'}). Set 'pr-number' to name one.`)
      return []
    }
    if (!sha) return none('the tested commit is not known')
    try {
      const { data } = await withinSignal(
        octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repository, commit_sha: sha, per_page: 100, request: { signal } }),
        signal
      )
      const numbers = parseShape(pullRequestListShape, data)
        .filter((pr) => pr.state === 'open' && pr.head.sha === sha && pr.number > 0)
        .map((pr) => pr.number)
        .slice(0, MAX_PULL_REQUESTS)
      return numbers.length > 0 ? numbers : none(`no open pull request has ${sha.slice(0, 7)} as its head`)
    } catch (error) {
      return none(`the pull requests of ${sha.slice(0, 7)} could not be read (${errorMessage(error)})`)
    }
  }

  private async upsert(octokit: Octokit, content: CommentContent, where: Where, signal: AbortSignal): Promise<void> {
    const marker = prCommentMarker(this.options.checkName)
    const author = await tokenAuthor(octokit, this.options.token!, signal)
    const own = await ownComments(octokit, where, marker, author, signal)
    const { failing } = content
    if (this.options.mode === 'on-failure' && !failing && own.length === 0) return
    const body = content.render(this.options.mode === 'on-failure' && !failing)
    const edit = (id: number) =>
      octokit.rest.issues.updateComment({ owner: where.owner, repo: where.repo, comment_id: id, body, request: { signal } })
    if (own.length > 0 && (await editUnlessGone(edit, own[0].id))) {
      await deleteComments(octokit, where, own.slice(1), signal)
      log.info(`Updated the comment on pull request #${where.issue_number}.`)
      return
    }
    const created = await createOnce(
      async () => {
        const { data } = await octokit.rest.issues.createComment({ ...where, body, request: { signal, ...SEND_ONCE } })
        return createdComment(data)
      },
      async () => (await ownComments(octokit, where, marker, author, signal)).at(-1) ?? null,
      { signal, what: 'the pull-request comment', debug: log.debug, clock: this.clock }
    )
    // A concurrent job may have commented too: the oldest of the action's own stays, the rest go.
    const mine = await ownComments(octokit, where, marker, created.author ?? author, signal)
    const [oldest, ...newer] = mine.length > 0 ? mine : [created]
    if (oldest.id !== created.id) await editUnlessGone(edit, oldest.id)
    await deleteComments(octokit, where, newer, signal)
    log.info(`Commented on pull request #${where.issue_number}.`)
  }
}

/** The comment GitHub says it made: an answer without its ID or body is an ambiguous failure (it may exist). */
function createdComment(data: unknown): CommentRecord {
  try {
    return parseShape(commentShape, data)
  } catch (error) {
    if (error instanceof ShapeError) throw new Error('GitHub answered the new comment without its ID', { cause: error })
    throw error
  }
}

/** Edits the comment; false when it is gone (deleted since it was listed). */
async function editUnlessGone(edit: (id: number) => Promise<unknown>, id: number): Promise<boolean> {
  try {
    await edit(id)
    return true
  } catch (error) {
    if (errorStatus(error) === 404) return false
    throw error
  }
}

async function deleteComments(octokit: Octokit, where: Where, comments: readonly CommentRecord[], signal: AbortSignal): Promise<void> {
  for (const comment of comments) {
    try {
      await octokit.rest.issues.deleteComment({ owner: where.owner, repo: where.repo, comment_id: comment.id, request: { signal } })
    } catch (error) {
      if (errorStatus(error) !== 404) throw error
    }
  }
}

/** The action's own comments with `marker` (written by `author`), oldest first. */
async function ownComments(
  octokit: Octokit,
  where: Where,
  marker: string,
  author: CommentAuthor,
  signal: AbortSignal
): Promise<CommentRecord[]> {
  const own: CommentRecord[] = []
  for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
    const { data } = await octokit.rest.issues.listComments({ ...where, per_page: 100, page, request: { signal } })
    // A page that is not a list ends the search, as an empty one does.
    if (!Array.isArray(data)) break
    for (const comment of parseShape(commentListShape, data)) {
      if (comment.body.startsWith(marker) && isWrittenBy(comment, author)) own.push(comment)
    }
    if (data.length < 100) break
  }
  return own.sort((a, b) => a.id - b.id)
}

/** A warning that says what went wrong: 403 is a permission, 404 a pull request that is not there. */
export function commentFailure(number: number, repository: { owner: string; repo: string }, error: unknown): string {
  const status = errorStatus(error)
  if (status === 403) {
    return `Could not comment on pull request #${number} (HTTP 403): the token may not write comments. It needs 'pull-requests: write' (pull requests from forks get a read-only token). The step's outcome does not change.`
  }
  if (status === 404) {
    return `Could not comment on pull request #${number} (HTTP 404): ${repository.owner}/${repository.repo} has no such pull request, or the token cannot see it. The step's outcome does not change.`
  }
  return `Could not comment on pull request #${number}: ${errorMessage(error)}`
}
