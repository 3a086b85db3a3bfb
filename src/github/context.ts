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
}

export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
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
    pullRequest: event.pullRequest
  }
}

/**
 * Checks the event file before anything starts. One that is not a JSON object gives a warning, and
 * GITHUB_EVENT_PATH is removed from `env`: the action then reads no event (no pull-request comment,
 * the check run on GITHUB_SHA), and `@actions/github`, loaded later for the Checks API, does not
 * throw on the file after the run has started. Returns the warning, or null when the file is fine.
 */
export function setAsideBrokenEventFile(env: NodeJS.ProcessEnv = process.env): string | null {
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

/** What the event payload says about the commit tested and the pull request, checked field by field. */
function readEvent(env: NodeJS.ProcessEnv): { sha: string | null; pullRequest: number | null } {
  const name = env.GITHUB_EVENT_NAME ?? ''
  if (!env.GITHUB_EVENT_PATH || !/^(pull_request|workflow_run|merge_group)/.test(name)) return { sha: null, pullRequest: null }
  let event: Record<string, { head?: { sha?: unknown }; head_sha?: unknown; number?: unknown } | undefined>
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch {
    return { sha: null, pullRequest: null }
  }
  const sha = (value: unknown) => (typeof value === 'string' && SHA.test(value) ? value : null)
  if (name.startsWith('pull_request')) {
    const number = event?.pull_request?.number
    return {
      sha: sha(event?.pull_request?.head?.sha),
      pullRequest: Number.isSafeInteger(number) && (number as number) > 0 ? (number as number) : null
    }
  }
  if (name === 'workflow_run') return { sha: sha(event?.workflow_run?.head_sha), pullRequest: null }
  return { sha: sha(event?.merge_group?.head_sha), pullRequest: null }
}
