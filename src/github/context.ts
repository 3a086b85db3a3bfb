import { readFileSync } from 'node:fs'

/** What the runner tells the action about the workflow run, read once from the environment. */
export interface GitHubContext {
  apiUrl: string
  serverUrl: string
  repository: { owner: string; repo: string } | null
  /** The commit the check run belongs to: the PR head for pull_request events, else GITHUB_SHA. */
  sha: string | null
  eventName: string | null
  /** The workflow file, e.g. `.github/workflows/e2e.yml`: where annotations are attached. */
  workflowPath: string | null
  /** Link to this workflow run. */
  runUrl: string | null
  workspace: string
  /** `owner/repo` of this action, to find its `uses:` line in the workflow file. */
  actionRepository: string | null
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
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''),
    serverUrl,
    repository,
    sha: pullRequestHeadSha(env) ?? (env.GITHUB_SHA || null),
    eventName: env.GITHUB_EVENT_NAME || null,
    workflowPath: workflowPathOf(env.GITHUB_WORKFLOW_REF),
    runUrl,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    actionRepository: env.GITHUB_ACTION_REPOSITORY || null
  }
}

/** `octo/app/.github/workflows/e2e.yml@refs/heads/main` → `.github/workflows/e2e.yml`. */
export function workflowPathOf(workflowRef: string | undefined): string | null {
  if (!workflowRef) return null
  const match = /^[^/]+\/[^/]+\/(.+?)@/.exec(workflowRef)
  return match ? match[1] : null
}

function pullRequestHeadSha(env: NodeJS.ProcessEnv): string | null {
  if (!env.GITHUB_EVENT_PATH || !/^pull_request/.test(env.GITHUB_EVENT_NAME ?? '')) return null
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { head?: { sha?: unknown } }
    }
    const sha = event.pull_request?.head?.sha
    return typeof sha === 'string' && sha ? sha : null
  } catch {
    return null
  }
}
