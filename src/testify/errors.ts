import type { BodyKind, HttpFailure } from '../http/json-client.js'
import { type KeyPart, type NamedEntity, entitiesNamedIn, errorDetailsOf, keyPartsNamedIn } from './wire.js'

/** A Testify API failure explained so the user knows what to fix. */
export class TestifyError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The request reached Testify and its effect is unknown (timeout, dropped connection, 5xx). */
    readonly ambiguous = false
  ) {
    super(message)
    this.name = 'TestifyError'
  }
}

/** What a request was about. */
export interface TestifyRequestSubject {
  /** What the request does, e.g. `create checklist 'autify-1920001'`. */
  action: string
  /** The entity involved, named for a 404, e.g. `test object 'octo-org/shop@0123456'`. */
  resource: string
  /** The inputs a user would fix when Testify refuses the request. */
  inputs: string
}

/** The input that holds each part of the key. */
const KEY_PART_INPUTS: Record<KeyPart, string> = {
  secret: "'testify-api-key' (the secret)",
  subject: "'testify-subject'",
  tenant: "'testify-tenant'"
}

/** The input that names each entity Testify's refusal may point at. */
const ENTITY_INPUTS: Record<NamedEntity, string> = {
  'test object': "'testify-test-object'",
  'checklist template': "'testify-checklist-template'"
}

/** How a body that is not Testify's JSON is described; it is never quoted. */
const BODY_KINDS: Record<Exclude<BodyKind, 'json'>, string> = {
  empty: 'an empty body',
  html: 'an HTML page',
  xml: 'an XML document',
  text: 'plain text'
}

/** What a failure is about, worked out once for every message. */
interface FailureFacts {
  where: string
  said: string
  details: string | null
  tries: string
  ambiguous: boolean
}

function factsOf(failure: HttpFailure, bodyKind: BodyKind): FailureFacts {
  const details = bodyKind === 'json' ? errorDetailsOf(failure.details.body) : null
  return {
    where: `${failure.method} ${new URL(failure.url).pathname}`,
    said: details ? ` Testify said: "${details}".` : '',
    details,
    tries: (failure.details.attempts ?? 1) > 1 ? ` (tried ${failure.details.attempts} times)` : '',
    ambiguous:
      failure.details.mayHaveReachedServer &&
      (failure.kind === 'timeout' ||
        failure.kind === 'network' ||
        failure.kind === 'too-large' ||
        (failure.kind === 'status' && (failure.status ?? 0) >= 500))
  }
}

export function explainTestifyFailure(failure: HttpFailure, subject: TestifyRequestSubject, headerNames: string[]): TestifyError {
  const bodyKind = failure.details.bodyKind ?? (failure.details.body === undefined ? 'empty' : 'json')
  const facts = factsOf(failure, bodyKind)
  const { where, tries, ambiguous } = facts
  // An empty 401, 403 or 404 is how ASP.NET answers by default: Testify's own word, with nothing to quote.
  const spoken =
    bodyKind === 'json' ||
    failure.status === 401 ||
    failure.status === 429 ||
    (bodyKind === 'empty' && (failure.status === 403 || failure.status === 404))
  if (failure.kind === 'invalid-json' || (failure.kind === 'status' && !spoken)) {
    return notTestifysJson(failure, BODY_KINDS[bodyKind === 'json' ? 'text' : bodyKind], subject, facts)
  }
  switch (failure.kind) {
    case 'status':
      return refusal(failure, subject, headerNames, facts)
    case 'redirect':
      return new TestifyError(
        `Testify's API ${failure.message} (on ${where}). The action follows no redirect, so the API key never goes elsewhere: set 'testify-api-url' to the API's own address.`,
        failure.status
      )
    case 'too-large':
      return new TestifyError(
        `Testify answered ${where} with ${failure.message}, more than the action reads; cannot ${subject.action}. Check 'testify-api-url'.`,
        failure.status,
        ambiguous
      )
    case 'timeout':
      return new TestifyError(
        `Testify did not answer in time while trying to ${subject.action}${tries} (${where}: ${failure.message}).`,
        undefined,
        ambiguous
      )
    case 'aborted':
      return new TestifyError(`Cancelled while trying to ${subject.action} in Testify.`)
    default:
      return new TestifyError(
        `Could not reach Testify to ${subject.action}${tries} (${where}: ${failure.message}). Check the network and 'testify-api-url'.`,
        undefined,
        ambiguous
      )
  }
}

/**
 * An answer that is not Testify's JSON (a proxy's HTML error page, an empty body, text) is
 * summarised by its status and kind, never quoted: it is not Testify's word, and it may hold anything.
 */
function notTestifysJson(failure: HttpFailure, kind: string, subject: TestifyRequestSubject, facts: FailureFacts): TestifyError {
  const status = failure.status ?? 0
  const hint =
    status >= 500
      ? 'A proxy or gateway in front of Testify, or Testify itself, failed; a later run may get through.'
      : `Check ${subject.inputs}, and 'testify-api-url' (a proxy or a wrong URL answers like this).`
  return new TestifyError(
    `HTTP ${status} from Testify (${kind}, not Testify's JSON) while trying to ${subject.action}${facts.tries} (${facts.where}). ${hint}`,
    failure.status,
    facts.ambiguous
  )
}

/** The inputs that would fix a refusal: those Testify's own text points at, else the request's. */
function inputsToCheck(subject: TestifyRequestSubject, details: string | null): string {
  const named = entitiesNamedIn(details).map((entity) => ENTITY_INPUTS[entity])
  return named.length > 0 ? named.join(' and ') : subject.inputs
}

/** An HTTP error status with Testify's own JSON (or no body, for a 401 or a 429). */
function refusal(failure: HttpFailure, subject: TestifyRequestSubject, headerNames: string[], facts: FailureFacts): TestifyError {
  const { where, said, details, tries, ambiguous } = facts
  switch (failure.status) {
    case 400:
    case 422:
      return new TestifyError(
        `Testify refused to ${subject.action} (HTTP ${failure.status} on ${where}).${said || ' It gave no details.'} Check ${inputsToCheck(subject, details)}.`,
        failure.status
      )
    case 401: {
      const named = keyPartsNamedIn(details).map((part) => KEY_PART_INPUTS[part])
      const fix =
        named.length > 0
          ? `Check ${named.join(' and ')}.`
          : "Check that 'testify-api-key' (the secret), 'testify-subject' and 'testify-tenant' all come from the same, current API key (regenerating a key disables the old one)."
      return new TestifyError(
        `Testify rejected the API key (HTTP 401 on ${where}).${said} ${fix} The key was sent in the headers ${headerNames.join(', ')}; if Testify expects other header names, set 'testify-auth-headers'.`,
        401
      )
    }
    case 403:
      return new TestifyError(
        `Testify refused to ${subject.action} (HTTP 403 on ${where}): the key is valid but its user lacks the permission for ${subject.resource}. Give the Testify user the API key belongs to (ideally a dedicated interface user) the roles to read and create test objects and checklists and to add check results.${said}`,
        403
      )
    case 404:
      return new TestifyError(
        `Testify found no ${subject.resource} (HTTP 404 on ${where}). Check ${inputsToCheck(subject, details)}, and 'testify-api-url' and 'testify-api-version'.${said}`,
        404
      )
    case 429:
      return new TestifyError(`Testify's rate limit stopped the request to ${subject.action}${tries} (HTTP 429 on ${where}).${said}`, 429)
    default:
      if ((failure.status ?? 0) >= 500) {
        return new TestifyError(
          `Testify had a server error while trying to ${subject.action}${tries} (HTTP ${failure.status} on ${where}).${said}`,
          failure.status,
          ambiguous
        )
      }
      return new TestifyError(`Testify refused to ${subject.action} (HTTP ${failure.status} on ${where}).${said}`, failure.status)
  }
}
