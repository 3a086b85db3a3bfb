import type { Octokit } from './octokit.js'

/** Who writes the action's comments: the identity behind the token. */
export interface CommentAuthor {
  login: string
  type: 'User' | 'Bot'
  /** The GitHub App a comment was made through (`performed_via_github_app.id`), once known. */
  appId?: number | null
}

/** What `GITHUB_TOKEN` writes as. */
export const ACTIONS_BOT: CommentAuthor = { login: 'github-actions[bot]', type: 'Bot' }

/** The fields of a listed or created comment the action reads. */
export interface CommentRecord {
  id: number
  body: string
  author: CommentAuthor | null
}

/** A comment as GitHub gives it, checked field by field; null when it lacks an ID or a body. */
export function commentRecord(value: unknown): CommentRecord | null {
  const { id, body, user, performed_via_github_app: app } = (value ?? {}) as Record<string, unknown>
  if (!Number.isSafeInteger(id) || typeof body !== 'string') return null
  const { login, type } = (user ?? {}) as { login?: unknown; type?: unknown }
  const appId = (app as { id?: unknown } | null | undefined)?.id
  const author: CommentAuthor | null =
    typeof login === 'string'
      ? { login, type: type === 'Bot' ? 'Bot' : 'User', appId: Number.isSafeInteger(appId) ? (appId as number) : null }
      : null
  return { id: id as number, body, author }
}

/**
 * Whether `author` wrote the comment: the same login and account type, and, when the app the
 * action writes through is known, the same app. A person's comment never matches a Bot.
 */
export function isWrittenBy(comment: CommentRecord, author: CommentAuthor): boolean {
  const by = comment.author
  if (!by || by.login.toLowerCase() !== author.login.toLowerCase() || by.type !== author.type) return false
  return author.appId == null || by.appId == null || by.appId === author.appId
}

/**
 * The identity behind the token. An installation token (`ghs_…`: `GITHUB_TOKEN` or a GitHub App's)
 * may not read `GET /user` and writes as `github-actions[bot]` for `GITHUB_TOKEN`; a personal access
 * token reads itself there and writes as its person. Anything `GET /user` refuses counts as
 * `GITHUB_TOKEN`; a GitHub App's own bot is learned from the first comment it creates.
 */
export async function tokenAuthor(octokit: Octokit, token: string, signal: AbortSignal): Promise<CommentAuthor> {
  if (token.startsWith('ghs_')) return ACTIONS_BOT
  try {
    const { data } = await octokit.rest.users.getAuthenticated({ request: { signal } })
    const login = (data as { login?: unknown })?.login
    const type = (data as { type?: unknown })?.type
    return typeof login === 'string' && login ? { login, type: type === 'Bot' ? 'Bot' : 'User' } : ACTIONS_BOT
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 401 || status === 403 || status === 404) return ACTIONS_BOT
    throw error
  }
}
