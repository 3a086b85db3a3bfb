import { HttpFailure } from '../http/json-client.js'
import { redact } from '../secrets.js'
import { clip } from '../util/format.js'
import { type Shape, list, nullIfInvalid, object, parseShape, string } from '../util/shape.js'

/** An Autify API failure explained so the user knows what to fix. */
export class AutifyError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'AutifyError'
  }
}

/** What a request was about, e.g. `test plan 169408` or `result 1920728 of project 743`. */
export interface RequestSubject {
  /** What the request does, e.g. `start test plan 169408`. */
  action: string
  /** The IDs involved, named for a 404. */
  resource: string
  /** The inputs a user would fix when the resource is missing. */
  inputs: string
}

export function explainFailure(failure: HttpFailure, subject: RequestSubject): AutifyError {
  const where = `${failure.method} ${new URL(failure.url).pathname}`
  const serverSays = serverMessage(failure.details.body)
  const said = serverSays ? ` Autify said: "${serverSays}".` : ''
  const tries = (failure.details.attempts ?? 1) > 1 ? ` (tried ${failure.details.attempts} times)` : ''
  switch (failure.kind) {
    case 'status':
      return statusFailure(failure, subject, { where, said, serverSays, tries })
    case 'invalid-json':
      return new AutifyError(
        `Autify answered HTTP ${failure.status} on ${where} with a body that is not JSON${excerptOf(failure)} Check 'autify-api-url' (a proxy or a wrong URL answers like this).`,
        failure.status
      )
    case 'redirect':
      return new AutifyError(
        `Autify's API ${failure.message} (on ${where}). The action follows no redirect, so the access token never goes elsewhere: set 'autify-api-url' to the API's own address.`,
        failure.status
      )
    case 'too-large':
      return new AutifyError(
        `Autify answered ${where} with ${failure.message}, more than the action reads; cannot ${subject.action}. Check 'autify-api-url'.`,
        failure.status
      )
    case 'timeout':
      return new AutifyError(`Autify did not answer in time while trying to ${subject.action}${tries} (${where}: ${failure.message}).`)
    case 'aborted':
      return new AutifyError(`Cancelled while trying to ${subject.action}.`)
    default:
      return new AutifyError(
        `Could not reach Autify to ${subject.action}${tries} (${where}: ${failure.message}). Check the network and 'autify-api-url'.`
      )
  }
}

/** An HTTP error status from Autify, explained. */
function statusFailure(
  failure: HttpFailure,
  subject: RequestSubject,
  { where, said, serverSays, tries }: { where: string; said: string; serverSays: string | null; tries: string }
): AutifyError {
  switch (failure.status) {
    case 401:
      return new AutifyError(
        `Autify rejected the access token (HTTP 401 on ${where}). Check the 'access-token' input: it must be a valid personal access token of Autify for Web (Settings → User settings → Personal access tokens).${said}`,
        401
      )
    case 403:
      return new AutifyError(
        `Autify refused to ${subject.action} (HTTP 403 on ${where}): the token's user lacks permission for ${subject.resource}. Use a token of a user who is a member of that project with permission to run tests.${said}`,
        403
      )
    case 404:
      return new AutifyError(
        `Autify found no ${subject.resource} (HTTP 404 on ${where}). ${notFoundAdvice(subject, serverSays)}${said}`,
        404
      )
    case 429:
      return new AutifyError(`Autify's rate limit stopped the request to ${subject.action}${tries} (HTTP 429 on ${where}).${said}`, 429)
    default:
      if ((failure.status ?? 0) >= 500) {
        return new AutifyError(
          `Autify had a server error while trying to ${subject.action}${tries} (HTTP ${failure.status} on ${where}).${said}`,
          failure.status
        )
      }
      return new AutifyError(
        `Autify refused to ${subject.action} (HTTP ${failure.status} on ${where})${said ? `.${said}` : excerptOf(failure)}`,
        failure.status
      )
  }
}

const API_URL_ADVICE = "'autify-api-url' (it should end in /api/v1/, as https://app.autify.com/api/v1/ does)"

/**
 * What to check on a 404. An answer that is not Autify's JSON comes from something else at that
 * address, and a project that is not there may be looked for at the wrong one: both point at the
 * API URL first.
 */
function notFoundAdvice(subject: RequestSubject, serverSays: string | null): string {
  const inputs = `${subject.inputs}, and that the token's user can see that project`
  if (serverSays === null) return `The answer is not Autify's JSON: check ${API_URL_ADVICE}. If it is right, check ${inputs}.`
  if (/^project \d+$/.test(subject.resource)) return `Check ${API_URL_ADVICE}, ${inputs}.`
  return `Check ${inputs}.`
}

function excerptOf(failure: HttpFailure): string {
  return failure.details.excerpt ? `: "${failure.details.excerpt}".` : '.'
}

const optionalText = nullIfInvalid(string)
/** An entry of `errors`: a string, or an object with a `message`. */
const errorEntry: Shape<string | null> = (value, path) =>
  typeof value === 'string' ? value : (nullIfInvalid(object({ message: optionalText }))(value, path)?.message ?? null)
const errorBody = nullIfInvalid(object({ errors: nullIfInvalid(list(errorEntry)), message: optionalText, error: optionalText }))

/** `{"errors":[{"message":"Bad credentials"}]}` → `Bad credentials`. */
export function serverMessage(body: unknown): string | null {
  const parsed = parseShape(errorBody, body)
  if (!parsed) return null
  const messages = (parsed.errors ?? []).filter((m): m is string => m !== null)
  const found = messages.length > 0 ? messages.join('; ') : (parsed.message ?? parsed.error ?? null)
  return found === null ? null : clip(redact(found), 300)
}
