import { existsSync, readFileSync } from 'node:fs'

/** What the runner tells the action about the workflow run, read once from the environment. */
export interface GitHubContext {
  apiUrl: string
  serverUrl: string
  repository: { owner: string; repo: string } | null
  /**
   * The commit that was tested, which the check run goes on: the PR head for `pull_request*`
   * events, `workflow_run.head_sha` for `workflow_run`, the group's head for `merge_group`, else
   * GITHUB_SHA.
   */
  sha: string | null
  eventName: string | null
  /** The workflow file, e.g. `.github/workflows/e2e.yml`: where annotations are attached. */
  workflowPath: string | null
  /** Link to this workflow run. */
  runUrl: string | null
  workspace: string
  /** `owner/repo` of this action, to find its `uses:` line in the workflow file. */
  actionRepository: string | null
  /** The pull request's number on `pull_request` and `pull_request_target` events. */
  pullRequest: number | null
  /**
   * Where the failure history's baseline starts: `pull_request.base.sha` (and `workflow_run` of a
   * pull request: its base), `merge_group.base_sha`, `push.before`; null (or absent) for other events.
   */
  base?: { sha: string; ref: string | null } | null
}

export function readGitHubContext(env: NodeJS.ProcessEnv): GitHubContext {
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '')
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const repository = owner && repo ? { owner, repo } : null
  const runUrl =
    repository && env.GITHUB_RUN_ID
      ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` +
        (env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '')
      : null
  const event = readEvent(env)
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''),
    serverUrl,
    repository,
    sha: event.sha ?? (env.GITHUB_SHA || null),
    eventName: env.GITHUB_EVENT_NAME || null,
    workflowPath: workflowPathOf(env.GITHUB_WORKFLOW_REF),
    runUrl,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    actionRepository: env.GITHUB_ACTION_REPOSITORY || null,
    pullRequest: event.pullRequest,
    base: event.base
  }
}

/**
 * Checks the event file before anything starts. One that is not a JSON object gives a warning, and
 * GITHUB_EVENT_PATH is removed from `env`: the action then reads no event (no pull-request comment,
 * the check run on GITHUB_SHA), and `@actions/github`, loaded later for the Checks API, does not
 * throw on the file after the run has started. Returns the warning, or null when the file is fine.
 */
export function setAsideBrokenEventFile(env: NodeJS.ProcessEnv): string | null {
  const file = env.GITHUB_EVENT_PATH
  if (!file || !existsSync(file)) return null
  let problem: string | null = null
  try {
    const event: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (event === null || typeof event !== 'object' || Array.isArray(event)) problem = 'is not a JSON object'
  } catch {
    // The parser's message quotes the file, which may hold anything: it is not repeated.
    problem = 'could not be read as JSON'
  }
  if (!problem) return null
  delete env.GITHUB_EVENT_PATH
  return `The event file (GITHUB_EVENT_PATH) ${problem}: pull-request features are off (no pull-request comment; the check run goes on GITHUB_SHA). The run goes ahead.`
}

/** `octo/app/.github/workflows/e2e.yml@refs/heads/main` → `.github/workflows/e2e.yml`. */
export function workflowPathOf(workflowRef: string | undefined): string | null {
  if (!workflowRef) return null
  const match = /^[^/]+\/[^/]+\/(.+?)@/.exec(workflowRef)
  return match ? match[1] : null
}

const SHA = /^[0-9a-f]{40}$/
const NO_COMMIT = '0'.repeat(40)

interface EventFacts {
  sha: string | null
  pullRequest: number | null
  base: { sha: string; ref: string | null } | null
}

const NOTHING: EventFacts = { sha: null, pullRequest: null, base: null }
const sha = (value: unknown) => (typeof value === 'string' && SHA.test(value) && value !== NO_COMMIT ? value : null)
/**
 * `refs/heads/main` or `main` → `main`; null for anything else. The name goes into Markdown and the
 * log: only the characters branch names usually have pass (no `@`, no Markdown, no spaces).
 */
const branch = (value: unknown) => {
  const name = typeof value === 'string' ? value.replace(/^refs\/heads\//, '') : ''
  return /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(name) ? name : null
}
const baseOf = (commit: unknown, ref: unknown) => {
  const at = sha(commit)
  return at ? { sha: at, ref: branch(ref) } : null
}

/** `value.a.b…`, or undefined where a step is missing or not an object. */
function field(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

/** What the event payload says about the commit tested, the pull request and the base, checked field by field. */
function readEvent(env: NodeJS.ProcessEnv): EventFacts {
  const name = env.GITHUB_EVENT_NAME ?? ''
  if (!env.GITHUB_EVENT_PATH || !/^(pull_request|workflow_run|merge_group|push$)/.test(name)) return NOTHING
  let event: unknown
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch {
    return NOTHING
  }
  if (name.startsWith('pull_request')) {
    const number = field(event, 'pull_request', 'number')
    return {
      sha: sha(field(event, 'pull_request', 'head', 'sha')),
      pullRequest: Number.isSafeInteger(number) && (number as number) > 0 ? (number as number) : null,
      base: baseOf(field(event, 'pull_request', 'base', 'sha'), field(event, 'pull_request', 'base', 'ref'))
    }
  }
  if (name === 'push') return { sha: null, pullRequest: null, base: baseOf(field(event, 'before'), field(event, 'ref')) }
  if (name === 'workflow_run') {
    const pr = field(event, 'workflow_run', 'pull_requests', 0)
    return {
      sha: sha(field(event, 'workflow_run', 'head_sha')),
      pullRequest: null,
      base: baseOf(field(pr, 'base', 'sha'), field(pr, 'base', 'ref'))
    }
  }
  return {
    sha: sha(field(event, 'merge_group', 'head_sha')),
    pullRequest: null,
    base: baseOf(field(event, 'merge_group', 'base_sha'), field(event, 'merge_group', 'base_ref'))
  }
}
