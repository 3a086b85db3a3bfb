import { clip, plural } from '../util/format.js'
import { redact } from '../secrets.js'
import type { CheckResultPlan, CheckResultPost } from './check-results.js'
import type { OutputValues } from '../report/outputs.js'

/** What publishing did, step by step: the model the summary section and the messages are made from. */
export interface TestifyPublication {
  template: string
  testObjectId: string
  checklistId: string
  /** Set once the test object is known to exist. */
  testObject: { created: boolean } | null
  /** Set once the checklist is known to exist. */
  checklist: { created: boolean; url: string | null } | null
  /** Set once the checks were read. */
  plan: CheckResultPlan | null
  published: CheckResultPost[]
  notPublished: { post: CheckResultPost; reason: string }[]
  /** The error that stopped publishing early. */
  stoppedBy: string | null
}

/** The reason recorded for check results not sent once an error made further requests pointless. */
export const NOT_SENT = 'not sent after an earlier error'

export function newPublication(template: string, testObjectId: string, checklistId: string): TestifyPublication {
  return {
    template,
    testObjectId,
    checklistId,
    testObject: null,
    checklist: null,
    plan: null,
    published: [],
    notPublished: [],
    stoppedBy: null
  }
}

export function isComplete(publication: TestifyPublication): boolean {
  return publication.stoppedBy === null && publication.notPublished.length === 0 && (publication.plan?.unknownType.length ?? 0) === 0
}

/** The step outputs: each ID only once Testify confirmed that entity. */
export function publicationOutputs(publication: TestifyPublication): OutputValues {
  const outputs: OutputValues = {}
  if (publication.testObject) outputs['testify-test-object-id'] = publication.testObjectId
  if (publication.checklist) outputs['testify-checklist-id'] = publication.checklistId
  return outputs
}

const quoted = (items: readonly string[], max = 10) =>
  items
    .slice(0, max)
    .map((item) => `'${item}'`)
    .join(', ') + (items.length > max ? ` and ${items.length - max} more` : '')

/**
 * The one warning about results and checks that did not meet, or null when every result found its
 * check and every check got a result.
 */
export function mismatchWarning(publication: TestifyPublication): string | null {
  const plan = publication.plan
  if (!plan) return null
  const parts: string[] = []
  if (plan.unmatched.length > 0) {
    const identifiers = [...new Set(plan.unmatched.map((u) => u.identifier))]
    parts.push(
      `${plural(plan.unmatched.length, 'test case result')} found no check (no check has the identifier ${quoted(identifiers)}; see 'testify-check-identifier')`
    )
  }
  if (plan.checksWithoutResult.length > 0) {
    parts.push(
      `${plural(plan.checksWithoutResult.length, 'check')} got no result (${quoted(plan.checksWithoutResult.map((c) => c.identifier))})`
    )
  }
  const unfillable = plan.leftOpen.filter((open) => open.kind === 'unsupported-type')
  if (unfillable.length > 0) {
    parts.push(
      `${plural(unfillable.length, 'check')} of a type the action does not fill stayed open (${quoted(unfillable.map((o) => o.check.identifier))})`
    )
  }
  if (parts.length === 0) return null
  return `Testify checklist '${publication.checklistId}': ${parts.join('; ')}. The job summary lists them.`
}

/** Why the step fails, saying what reached Testify and what did not; null when everything did. */
export function failureMessage(publication: TestifyPublication): string | null {
  if (isComplete(publication)) return null
  const { plan } = publication
  const sentences: string[] = [
    publication.stoppedBy ? `Publishing to Testify failed: ${publication.stoppedBy}` : 'Publishing to Testify was incomplete.'
  ]
  const done: string[] = []
  done.push(
    publication.testObject
      ? `test object '${publication.testObjectId}' ${publication.testObject.created ? 'was created' : 'already existed'}`
      : `test object '${publication.testObjectId}' was not confirmed`
  )
  done.push(
    publication.checklist
      ? `checklist '${publication.checklistId}' ${publication.checklist.created ? `was created from template '${publication.template}'` : 'already existed and was reused'}`
      : `no checklist '${publication.checklistId}' was created`
  )
  sentences.push(`In Testify: ${done.join('; ')}.`)
  if (!plan) {
    sentences.push('No check result was published.')
  } else {
    const total = plan.posts.length
    const published = publication.published.map((p) => p.check.identifier)
    sentences.push(
      published.length > 0
        ? `Published ${published.length} of ${plural(total, 'check result')}: ${quoted(published)}.`
        : `None of the ${plural(total, 'check result')} was published.`
    )
    if (publication.notPublished.length > 0) {
      const failed = publication.notPublished.filter((n) => n.reason !== NOT_SENT)
      const notSent = publication.notPublished.filter((n) => n.reason === NOT_SENT)
      for (const { post, reason } of failed.slice(0, 5))
        sentences.push(`Not published: '${post.check.identifier}': ${clip(redact(reason), 400)}`)
      if (failed.length > 5) sentences.push(`${plural(failed.length - 5, 'more check result')} failed likewise.`)
      if (notSent.length > 0) {
        sentences.push(`Not sent after that error: ${quoted(notSent.map((n) => n.post.check.identifier))}.`)
      }
    }
    if (plan.unknownType.length > 0) {
      sentences.push(
        `Not published, because their check type could not be read from Testify's answer to results/flat: ${quoted(plan.unknownType.map((u) => u.check.identifier))}. docs/testify.md in the action's repository lists how the action reads it.`
      )
    }
  }
  return sentences.join(' ')
}
