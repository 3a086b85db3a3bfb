import { type Shape, integer, list, map, matching, nullIfInvalid, nullable, object, string } from '../util/shape.js'

/**
 * What the action reads of GitHub's answers, parsed where each answer arrives (see util/shape.ts):
 * extra fields are ignored, and a field whose absence the code handles may be null or missing.
 * Only util/shape.ts is imported, so the baseline's lazy chunk stays free of the Checks API code.
 */

/** The GitHub App that made a check run (its `app`): the baseline is the check runs of this run's own app. */
export const appShape = object({ id: integer, slug: nullable(string) })
export type CheckRunApp = { id: number; slug?: string | null }

/** GitHub's answer to creating a check run. */
export const createdCheckRunShape = object({ id: integer, html_url: nullable(string), app: nullable(appShape) })

/** A check run as GitHub lists those of a commit. */
const listedCheckRunShape = object({
  id: integer,
  external_id: nullable(string),
  html_url: nullable(string),
  status: nullable(string),
  conclusion: nullable(string),
  app: nullable(appShape),
  output: nullable(object({ summary: nullable(string) }))
})

/** The check runs of a commit; an entry that is not a check run is left out. */
export const checkRunListShape = object({ check_runs: matching(listedCheckRunShape) })

/** An annotation as GitHub lists those of a check run: enough to tell one from another. */
export const annotationListShape = list(object({ annotation_level: nullable(string), title: nullable(string), message: nullable(string) }))

/** The commits of a branch, newest first. */
export const commitListShape = list(object({ sha: string }))

/** The pull requests of a commit; an entry without a number, a state or a head, and an answer that is no list, read as none. */
export const pullRequestListShape = map(
  nullIfInvalid(matching(object({ number: integer, state: string, head: object({ sha: string }) }))),
  (pulls) => pulls ?? []
)

/** Who writes the action's comments: the identity behind the token. */
export interface CommentAuthor {
  login: string
  type: 'User' | 'Bot'
  /** The GitHub App a comment was made through (`performed_via_github_app.id`), once known. */
  appId?: number | null
}

/** The fields of a listed or created comment the action reads. */
export interface CommentRecord {
  id: number
  body: string
  author: CommentAuthor | null
}

/** Anything but `Bot` is a person's account. */
const accountType: Shape<CommentAuthor['type']> = (value) => (value === 'Bot' ? 'Bot' : 'User')

/** The identity behind the token (`GET /user`); null when GitHub did not say who. */
export const userShape = nullIfInvalid(object({ login: string, type: accountType }))

/** A listed or created comment: an ID and a body; its author when GitHub named one. */
export const commentShape: Shape<CommentRecord> = map(
  object({
    id: integer,
    body: string,
    user: userShape,
    performed_via_github_app: nullIfInvalid(object({ id: integer }))
  }),
  ({ id, body, user, performed_via_github_app: app }) => ({
    id,
    body,
    author: user ? { ...user, appId: app?.id ?? null } : null
  })
)

/** A page of comments; a comment without an ID or a body is left out. */
export const commentListShape = matching(commentShape)
