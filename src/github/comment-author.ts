import { errorStatus } from '../util/error-message.js'
import { parseShape } from '../util/shape.js'
import { type CommentAuthor, type CommentRecord, userShape } from './api-shapes.js'
import type { Octokit } from './octokit.js'

/** What `GITHUB_TOKEN` writes as. */
export const ACTIONS_BOT: CommentAuthor = { login: 'github-actions[bot]', type: 'Bot' }

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
  let data: unknown
  try {
    ;({ data } = await octokit.rest.users.getAuthenticated({ request: { signal } }))
  } catch (error) {
    const status = errorStatus(error)
    if (status === 401 || status === 403 || status === 404) return ACTIONS_BOT
    throw error
  }
  const user = parseShape(userShape, data)
  return user?.login ? { login: user.login, type: user.type } : ACTIONS_BOT
}
