import { type Fault, type RecordedRequest, type Reply, SimulatorServer } from '../http-server.js'

export interface SimAnnotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: string
  message: string
  title?: string
  raw_details?: string
}

export interface SimCheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  details_url?: string
  external_id?: string
  started_at?: string
  completed_at?: string
  output: { title?: string; summary?: string; text?: string }
  annotations: SimAnnotation[]
  /** The GitHub App that made it: the token's app for the check runs the action creates. */
  app: SimApp
  /** Every create/update body, in order. */
  updates: Record<string, unknown>[]
  html_url: string
}

/** A GitHub App as the Checks API names it (`app` of a check run). */
export interface SimApp {
  id: number
  slug: string
  name: string
}

/** The app behind `GITHUB_TOKEN`, as GitHub reports it on the check runs a workflow creates. */
export const GITHUB_ACTIONS_APP: SimApp = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' }

/** A commit of the repository, for `GET /commits`: its parents, first parent first. */
export interface SimCommit {
  sha: string
  parents: string[]
}

/** A check run a test puts on a commit as if an earlier workflow (or another app) had made it: completed. */
export interface SeededCheckRun {
  name: string
  head_sha: string
  external_id?: string
  conclusion?: string
  status?: string
  app?: SimApp
  output?: { title?: string; summary?: string; text?: string }
}

export interface SimUser {
  login: string
  type: 'User' | 'Bot'
}

/** The `GITHUB_TOKEN`'s identity: comments it writes are by this Bot. */
export const ACTIONS_BOT: SimUser = { login: 'github-actions[bot]', type: 'Bot' }

export interface SimPullRequest {
  number: number
  state: 'open' | 'closed'
  head: { sha: string; ref: string }
  /** Earlier commits of its branch: GitHub lists the pull request for these too, not only for its head. */
  commits?: string[]
}

export interface SimComment {
  id: number
  issue_number: number
  body: string
  user: SimUser
  created_at: string
  updated_at: string
  /** Every body it had, in order. */
  edits: string[]
}

export interface GitHubSimulatorOptions {
  token?: string
  /** False: the token is read-only for checks (fork PRs, `permissions: checks: read`). */
  canWriteChecks?: boolean
  /** False: the token cannot write pull-request comments (fork PRs, no `pull-requests: write`). */
  canWriteComments?: boolean
  /** False: the token cannot read check runs either (`permissions:` without `checks: read`). */
  canReadChecks?: boolean
  /** The GitHub App the token belongs to (the check runs it creates carry it); GitHub Actions by default. */
  app?: SimApp
  /**
   * Who the token is. A Bot (the default, as `GITHUB_TOKEN`) may not read `GET /user`; a User (a
   * personal access token) reads itself there.
   */
  actor?: SimUser
}

const STATUSES = ['queued', 'in_progress', 'completed']
const CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required']
const LEVELS = ['notice', 'warning', 'failure']

/** The Checks API on loopback, enforcing GitHub's documented limits. */
export class GitHubSimulator {
  readonly checkRuns: SimCheckRun[] = []
  readonly comments: SimComment[] = []
  /** Pull requests of the repository, for `GET /commits/{sha}/pulls` (each one that contains the commit). */
  readonly pullRequests: SimPullRequest[] = []
  /** Commits of the repository, for `GET /commits?sha=…` (see `addCommits`). */
  readonly commits = new Map<string, SimCommit>()
  actor: SimUser
  app: SimApp
  canReadChecks: boolean
  private readonly server = new SimulatorServer(() => ({ status: 404, body: { message: 'Not Found' } }))
  private nextId = 4_000_000_001
  token: string
  canWriteChecks: boolean
  canWriteComments: boolean
  private nextCommentId = 1_500_000_001

  constructor(options: GitHubSimulatorOptions = {}) {
    this.token = options.token ?? 'sim-github-token'
    this.canWriteChecks = options.canWriteChecks ?? true
    this.canWriteComments = options.canWriteComments ?? true
    this.actor = options.actor ?? ACTIONS_BOT
    this.app = options.app ?? GITHUB_ACTIONS_APP
    this.canReadChecks = options.canReadChecks ?? true
    this.server.route('GET', '/repos/:owner/:repo/commits', (req) => this.guardReadChecks(req, () => this.listCommits(req), 'repos'))
    this.server.route('GET', '/user', (req) =>
      this.guard(
        req,
        () =>
          this.actor.type === 'Bot'
            ? { status: 403, body: { message: 'Resource not accessible by integration', status: '403' } }
            : { status: 200, body: { login: this.actor.login, type: 'User', id: 583231 } },
        false
      )
    )
    this.server.route('GET', '/repos/:owner/:repo/commits/:sha/pulls', (req, p) =>
      this.guard(
        req,
        () => ({ status: 200, body: this.pullRequests.filter((pr) => pr.head.sha === p.sha || pr.commits?.includes(p.sha)) }),
        false
      )
    )
    this.server.route('DELETE', '/repos/:owner/:repo/issues/comments/:id', (req, p) =>
      this.guardComments(req, () => this.deleteComment(Number(p.id)))
    )
    this.server.route('GET', '/repos/:owner/:repo/commits/:ref/check-runs', (req, p) =>
      this.guardReadChecks(req, () => this.listCheckRuns(req, p.ref), 'checks/runs')
    )
    this.server.route('GET', '/repos/:owner/:repo/check-runs/:id/annotations', (req, p) =>
      this.guard(
        req,
        () => {
          const run = this.find(p.id)
          return run ? { status: 200, body: page(req, run.annotations) } : { status: 404, body: { message: 'Not Found' } }
        },
        false
      )
    )
    this.server.route('GET', '/repos/:owner/:repo/issues/:number/comments', (req, p) =>
      this.guard(req, () => this.listComments(req, Number(p.number)), false)
    )
    this.server.route('POST', '/repos/:owner/:repo/issues/:number/comments', (req, p) =>
      this.guardComments(req, () => this.createComment(req, Number(p.number)))
    )
    this.server.route('PATCH', '/repos/:owner/:repo/issues/comments/:id', (req, p) =>
      this.guardComments(req, () => this.updateComment(req, Number(p.id)))
    )
    this.server.route('POST', '/repos/:owner/:repo/check-runs', (req, p) => this.guard(req, () => this.create(req, p)))
    this.server.route('PATCH', '/repos/:owner/:repo/check-runs/:id', (req, p) => this.guard(req, () => this.update(req, p)))
    this.server.route('GET', '/repos/:owner/:repo/check-runs/:id', (req, p) =>
      this.guard(
        req,
        () => {
          const run = this.find(p.id)
          return run ? { status: 200, body: run } : { status: 404, body: { message: 'Not Found' } }
        },
        false
      )
    )
  }

  async start(port = 0): Promise<this> {
    await this.server.listen(port)
    return this
  }

  close(): Promise<void> {
    return this.server.close()
  }

  /** The value for GITHUB_API_URL. */
  get apiUrl(): string {
    return this.server.origin
  }

  get requests(): RecordedRequest[] {
    return this.server.requests
  }

  fault(fault: Fault): void {
    this.server.fault(fault)
  }

  clearFaults(): void {
    this.server.clearFaults()
  }

  private guard(req: RecordedRequest, handle: () => Reply, writes = true): Reply {
    const auth = req.headers.authorization ?? ''
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }
    }
    if (writes && !this.canWriteChecks) {
      return {
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
          status: '403'
        }
      }
    }
    return handle()
  }

  /** A read of check runs (or of the commits beside them) with a token that has no `checks: read`. */
  private guardReadChecks(req: RecordedRequest, handle: () => Reply, docs: string): Reply {
    if (this.canReadChecks) return this.guard(req, handle, false)
    return this.guard(
      req,
      () => ({
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: `https://docs.github.com/rest/${docs}`,
          status: '403'
        }
      }),
      false
    )
  }

  /**
   * Commits in a line, newest first: each one's parent is the next (the last one's is `root`, when
   * given). Later calls may continue a line or start a branch from any commit.
   */
  addCommits(newestFirst: readonly string[], root?: string): void {
    newestFirst.forEach((sha, i) => {
      const parent = newestFirst[i + 1] ?? root
      this.commits.set(sha, { sha, parents: parent ? [parent] : [] })
    })
  }

  /** A completed check run on a commit, as an earlier workflow run or another app left it. */
  seedCheckRun(seed: SeededCheckRun): SimCheckRun {
    const id = this.nextId++
    const run: SimCheckRun = {
      id,
      name: seed.name,
      head_sha: seed.head_sha,
      status: seed.status ?? 'completed',
      conclusion: seed.status && seed.status !== 'completed' ? null : (seed.conclusion ?? 'success'),
      external_id: seed.external_id,
      output: seed.output ?? { title: 'Passed', summary: '' },
      annotations: [],
      app: seed.app ?? this.app,
      updates: [],
      html_url: `https://github.com/octo-org/shop/runs/${id}`
    }
    this.checkRuns.push(run)
    return run
  }

  /**
   * `GET /commits?sha=…`: the commit and its ancestors, newest first, following first parents, as
   * GitHub's commit objects (`sha`, `commit`, `parents`); 404 for an unknown commit.
   */
  private listCommits(req: RecordedRequest): Reply {
    const start = req.query.get('sha')
    if (!start || !this.commits.has(start)) {
      return {
        status: 404,
        body: {
          message: `No commit found for SHA: ${start ?? ''}`,
          documentation_url: 'https://docs.github.com/rest/commits/commits#list-commits'
        }
      }
    }
    const line: SimCommit[] = []
    for (let at = this.commits.get(start); at && line.length < 1000; at = at.parents[0] ? this.commits.get(at.parents[0]) : undefined) {
      line.push(at)
    }
    const body = line.map((c) => ({
      sha: c.sha,
      commit: { message: `Commit ${c.sha.slice(0, 7)}` },
      parents: c.parents.map((sha) => ({ sha }))
    }))
    return { status: 200, body: page(req, body) }
  }

  private guardComments(req: RecordedRequest, handle: () => Reply): Reply {
    if (!this.canWriteComments) {
      return this.guard(req, () => ({
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
          status: '403'
        }
      }))
    }
    return this.guard(req, handle, false)
  }

  /** A comment written by someone else (a person, another bot), as a test sets the scene. */
  addComment(issue: number, body: string, user: SimUser): SimComment {
    const now = new Date().toISOString()
    const comment: SimComment = {
      id: this.nextCommentId++,
      issue_number: issue,
      body,
      user,
      created_at: now,
      updated_at: now,
      edits: [body]
    }
    this.comments.push(comment)
    return comment
  }

  /** One page of a pull request's comments, oldest first, as GitHub pages them (`per_page`, `page`). */
  private listComments(req: RecordedRequest, issue: number): Reply {
    return {
      status: 200,
      body: page(
        req,
        this.comments.filter((c) => c.issue_number === issue)
      )
    }
  }

  private deleteComment(id: number): Reply {
    const at = this.comments.findIndex((c) => c.id === id)
    if (at < 0) return { status: 404, body: { message: 'Not Found' } }
    this.comments.splice(at, 1)
    return { status: 204 }
  }

  /**
   * `GET /commits/{ref}/check-runs`: by head SHA, optionally by `check_name` and `app_id`, newest
   * first; `filter=latest` (GitHub's default) keeps the newest of each name and app, `all` every one.
   */
  private listCheckRuns(req: RecordedRequest, ref: string): Reply {
    const name = req.query.get('check_name')
    const appId = req.query.get('app_id')
    const latest = (req.query.get('filter') ?? 'latest') === 'latest'
    const seen = new Set<string>()
    const runs = this.checkRuns
      .filter((r) => r.head_sha === ref && (!name || r.name === name) && (!appId || String(r.app.id) === appId))
      .reverse()
      .filter((r) => {
        const key = `${r.app.id}/${r.name}`
        if (latest && seen.has(key)) return false
        seen.add(key)
        return true
      })
    return { status: 200, body: { total_count: runs.length, check_runs: page(req, runs) } }
  }

  private createComment(req: RecordedRequest, issue: number): Reply {
    const body = (req.body as { body?: unknown } | undefined)?.body
    if (typeof body !== 'string' || !body) return invalid('body is missing')
    if (body.length > 65_536) return invalid('body is too long (maximum is 65536 characters)')
    const now = new Date().toISOString()
    const comment: SimComment = {
      id: this.nextCommentId++,
      issue_number: issue,
      body,
      user: this.actor,
      created_at: now,
      updated_at: now,
      edits: [body]
    }
    this.comments.push(comment)
    return { status: 201, body: comment }
  }

  private updateComment(req: RecordedRequest, id: number): Reply {
    const comment = this.comments.find((c) => c.id === id)
    if (!comment) return { status: 404, body: { message: 'Not Found' } }
    const body = (req.body as { body?: unknown } | undefined)?.body
    if (typeof body !== 'string' || !body) return invalid('body is missing')
    if (body.length > 65_536) return invalid('body is too long (maximum is 65536 characters)')
    comment.body = body
    comment.updated_at = new Date().toISOString()
    comment.edits.push(body)
    return { status: 200, body: comment }
  }

  private find(id: string): SimCheckRun | undefined {
    return this.checkRuns.find((r) => r.id === Number(id))
  }

  private create(req: RecordedRequest, p: Record<string, string>): Reply {
    const body = (req.body ?? {}) as Record<string, unknown>
    if (typeof body.name !== 'string' || !body.name) return invalid('name is missing')
    if (typeof body.head_sha !== 'string' || !/^[0-9a-f]{40}$/.test(body.head_sha)) return invalid('head_sha is not a commit SHA')
    const problem = validate(body)
    if (problem) return invalid(problem)
    const id = this.nextId++
    const run: SimCheckRun = {
      id,
      name: body.name,
      head_sha: body.head_sha,
      status: 'queued',
      conclusion: null,
      output: {},
      annotations: [],
      app: this.app,
      updates: [],
      html_url: `https://github.com/${p.owner}/${p.repo}/runs/${id}`
    }
    this.checkRuns.push(run)
    apply(run, body)
    return { status: 201, body: run }
  }

  private update(req: RecordedRequest, p: Record<string, string>): Reply {
    const run = this.find(p.id)
    if (!run) return { status: 404, body: { message: 'Not Found' } }
    const body = (req.body ?? {}) as Record<string, unknown>
    const problem = validate(body)
    if (problem) return invalid(problem)
    apply(run, body)
    return { status: 200, body: run }
  }
}

/** One page of `items` as GitHub pages them (`per_page` ≤ 100, default 30; `page` from 1). */
function page<T>(req: RecordedRequest, items: readonly T[]): T[] {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30)))
  const number = Math.max(1, Number(req.query.get('page') ?? 1))
  return items.slice((number - 1) * perPage, number * perPage)
}

function invalid(message: string): Reply {
  return { status: 422, body: { message: `Invalid request.\n\n${message}`, documentation_url: 'https://docs.github.com/rest/checks/runs' } }
}

/** GitHub's rules for a create or update body; the first broken one, or null. */
function validate(body: Record<string, unknown>): string | null {
  if (body.status !== undefined && !STATUSES.includes(String(body.status))) return `status '${body.status}' is not valid`
  if (body.conclusion !== undefined && !CONCLUSIONS.includes(String(body.conclusion))) return `conclusion '${body.conclusion}' is not valid`
  if (body.status === 'completed' && body.conclusion === undefined) return 'conclusion is required when status is completed'
  const output = body.output as Record<string, unknown> | undefined
  if (output === undefined) return null
  if (typeof output.title !== 'string' || typeof output.summary !== 'string') return 'output needs title and summary'
  if (output.title.length > 255) return 'output.title is too long (maximum is 255 characters)'
  for (const field of ['summary', 'text'] as const) {
    if (typeof output[field] === 'string' && Buffer.byteLength(output[field] as string) > 65_535) {
      return `output.${field} is too long (maximum is 65535 characters)`
    }
  }
  const annotations = output.annotations as Record<string, unknown>[] | undefined
  if (annotations === undefined) return null
  if (!Array.isArray(annotations)) return 'output.annotations must be an array'
  if (annotations.length > 50) return 'Only 50 annotations are allowed per request'
  for (const a of annotations) {
    if (typeof a.path !== 'string' || !a.path) return 'annotation path is missing'
    if (!Number.isInteger(a.start_line) || !Number.isInteger(a.end_line)) return 'annotation start_line and end_line are required'
    if (!LEVELS.includes(String(a.annotation_level))) return `annotation_level '${a.annotation_level}' is not valid`
    if (typeof a.message !== 'string' || !a.message) return 'annotation message is missing'
    if (a.message.length > 65_535) return 'annotation message is too long (maximum is 64 kB)'
    if (typeof a.title === 'string' && a.title.length > 255) return 'annotation title is too long (maximum is 255 characters)'
    if (typeof a.raw_details === 'string' && a.raw_details.length > 65_535) return 'annotation raw_details is too long (maximum is 64 kB)'
  }
  return null
}

function apply(run: SimCheckRun, body: Record<string, unknown>): void {
  run.updates.push(body)
  for (const key of ['status', 'conclusion', 'details_url', 'external_id', 'started_at', 'completed_at'] as const) {
    if (body[key] !== undefined) (run as unknown as Record<string, unknown>)[key] = body[key]
  }
  if (body.conclusion !== undefined && body.status === undefined) run.status = 'completed'
  const output = body.output as Record<string, unknown> | undefined
  if (output) {
    run.output = { title: output.title as string, summary: output.summary as string, text: output.text as string | undefined }
    run.annotations.push(...((output.annotations as SimAnnotation[] | undefined) ?? []))
  }
}
