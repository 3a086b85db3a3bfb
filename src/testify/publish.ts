import type { RunReport } from '../model.js'
import type { OutputValues } from '../report/outputs.js'
import type { TestifySettings } from '../settings/settings.js'
import type { Clock } from '../util/clock.js'
import { plural } from '../util/format.js'
import { planCheckResults } from './check-results.js'
import { TestifyClient } from './client.js'
import { TestifyError } from './errors.js'
import { NOT_SENT, type TestifyPublication, failureMessage, mismatchWarning, newPublication, publicationOutputs } from './publication.js'
import { renderTestifySection } from './section.js'
import { type ChecklistView, mayMeanAlreadyExists } from './wire.js'
import { errorMessage } from '../util/error-message.js'

export interface TestifyPublishOptions {
  signal?: AbortSignal
  info: (message: string) => void
  warn: (message: string) => void
  /** Per-request timeout; Testify's client default otherwise. */
  timeoutMs?: number
  /** The clock retries wait on (the run's). */
  clock: Clock
  /** Real time: each request's time limit is measured on it. */
  wall: Clock
}

export interface TestifyPublishResult {
  /** The job summary's Testify section (Markdown). */
  section: string
  /** `testify-checklist-id` and `testify-test-object-id`, each once Testify confirmed it. */
  outputs: OutputValues
  /** Why the step must fail, saying what was published and what not; null when all went well. */
  failure: string | null
}

/** A create that ended ambiguously is tried at most this often in all, each time after looking. */
const CREATE_ATTEMPTS = 3

/** The checklist that records one Autify result: the same result always maps to the same checklist. */
export function checklistIdFor(resultId: number): string {
  return `autify-${resultId}`
}

/**
 * Records a finished run in Testify: ensures the test object, instantiates (or reuses) the
 * checklist `autify-<result id>` from the template, and posts one check result per check that
 * test case results name.
 */
export async function publishToTestify(
  settings: TestifySettings,
  report: RunReport,
  options: TestifyPublishOptions
): Promise<TestifyPublishResult> {
  const publication = newPublication(settings.checklistTemplate, settings.testObject, checklistIdFor(report.resultId))
  const client = new TestifyClient(settings, {
    signal: options.signal,
    onRetry: options.info,
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    wall: options.wall
  })
  try {
    await publish(client, settings, report, publication, options.info)
  } catch (error) {
    publication.stoppedBy = error instanceof TestifyError ? error.message : `Unexpected error: ${errorMessage(error)}`
  } finally {
    client.dispose()
  }
  const warning = mismatchWarning(publication)
  if (warning) options.warn(warning)
  return { section: renderTestifySection(publication), outputs: publicationOutputs(publication), failure: failureMessage(publication) }
}

async function publish(
  client: TestifyClient,
  settings: TestifySettings,
  report: RunReport,
  publication: TestifyPublication,
  info: (message: string) => void
): Promise<void> {
  const { testObjectId, checklistId, template } = publication

  const testObject = await ensure(
    async () => ((await client.testObjectExists(testObjectId)) ? true : null),
    () => client.createTestObject(testObjectId),
    `test object '${testObjectId}'`,
    info
  )
  publication.testObject = { created: testObject.created }
  info(testObject.created ? `Testify: created test object '${testObjectId}'.` : `Testify: test object '${testObjectId}' exists.`)

  const checklist = await ensure<ChecklistView>(
    () => client.readChecklist(checklistId),
    () => client.createChecklist(checklistId, testObjectId, template),
    `checklist '${checklistId}'`,
    info
  )
  publication.checklist = { created: checklist.created, url: checklist.value.url }
  info(
    checklist.created
      ? `Testify: created checklist '${checklistId}' from template '${template}'${checklist.value.url ? `: ${checklist.value.url}` : ''}.`
      : `Testify: checklist '${checklistId}' exists (result ${report.resultId} was published before); filling in its check results again.`
  )

  const { checks } = checklist.value
  if (checks.length === 0) {
    throw new TestifyError(
      `checklist '${checklistId}' has no checks: Testify's answer to results/flat holds no object with a 'checkIdentifier'. Check that template '${template}' has checks with identifiers.`
    )
  }
  const plan = planCheckResults(report.testCases, checks, settings.checkIdentifier)
  publication.plan = plan

  await postCheckResults(client, checklistId, plan, publication)
  info(
    `Testify: published ${publication.published.length} of ${plural(plan.posts.length, 'check result')} to checklist '${checklistId}' (${plural(
      report.testCases.length,
      'test case result'
    )}).`
  )
}

/** Posts each planned check result; after a failure that is not about that one result, the rest are not sent. */
async function postCheckResults(
  client: TestifyClient,
  checklistId: string,
  plan: NonNullable<TestifyPublication['plan']>,
  publication: TestifyPublication
): Promise<void> {
  for (const [index, post] of plan.posts.entries()) {
    try {
      await client.postCheckResult(checklistId, post.check.identifier, post.value, post.comment)
      publication.published.push(post)
    } catch (error) {
      if (!(error instanceof TestifyError)) throw error
      const unclear = error.ambiguous ? ' It may have been recorded anyway; it was not sent again.' : ''
      publication.notPublished.push({ post, reason: error.message + unclear })
      // A 400 is about this one check result; anything else (key, permissions, outage) would fail the rest too.
      if (error.status !== 400 && error.status !== 422) {
        publication.notPublished.push(...plan.posts.slice(index + 1).map((rest) => ({ post: rest, reason: NOT_SENT })))
        break
      }
    }
  }
}

/**
 * The entity `find` returns, created first when missing. A create is never repeated blindly: after
 * any failure that may mean it exists (an ambiguous answer, or a refusal that may say "already
 * exists"), `find` looks first.
 */
async function ensure<T>(
  find: () => Promise<T | null>,
  create: () => Promise<void>,
  what: string,
  info: (message: string) => void
): Promise<{ value: T; created: boolean }> {
  const existing = await find()
  if (existing !== null) return { value: existing, created: false }
  for (let attempt = 1; ; attempt++) {
    try {
      await create()
      break
    } catch (error) {
      if (!(error instanceof TestifyError) || !(error.ambiguous || mayMeanAlreadyExists(error.status))) throw error
      const found = await find()
      if (found !== null) {
        info(`Testify: ${what} exists after all (${error.ambiguous ? 'the create went through' : 'made earlier'}); using it.`)
        return { value: found, created: error.ambiguous }
      }
      if (!error.ambiguous || attempt >= CREATE_ATTEMPTS) throw withSlashHint(error, what)
      info(`Testify: creating ${what} ended without a clear answer and it does not exist; trying again.`)
    }
  }
  const created = await find()
  if (created === null) {
    throw withSlashHint(
      new TestifyError(`Testify accepted the creation of ${what} but does not find it by its external ID afterwards.`),
      what
    )
  }
  return { value: created, created: true }
}

/** An external ID with '/' may not survive the URL path of a GET (see wire.ts): say so where it matters. */
function withSlashHint(error: TestifyError, what: string): TestifyError {
  if (!what.includes('/')) return error
  return new TestifyError(
    `${error.message} If ${what} exists but cannot be read back, Testify may not accept a '/' in an external ID in the URL path: set 'testify-test-object' to an ID without '/'.`,
    error.status,
    error.ambiguous
  )
}
