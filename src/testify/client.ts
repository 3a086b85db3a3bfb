import { HttpFailure, JsonClient, type JsonRequest } from '../http/json-client.js'
import type { TestifySettings } from '../settings/settings.js'
import type { Clock } from '../util/clock.js'
import { USER_AGENT } from '../version.js'
import { type TestifyRequestSubject, explainTestifyFailure } from './errors.js'
import { type CheckValue, type ChecklistView, parseChecklistView, testifyRequests } from './wire.js'

export const TESTIFY_REQUEST_TIMEOUT_MS = 30_000

export interface TestifyClientOptions {
  signal?: AbortSignal
  onRetry?: (message: string) => void
  timeoutMs?: number
  /** The clock retries wait on (the run's). */
  clock: Clock
  /** Real time (the runtime's `wall`): each request's time limit is measured on it. */
  wall: Clock
}

/** The Testify public API calls the action makes, each failing with a TestifyError a user can act on. */
export class TestifyClient {
  private readonly json: JsonClient
  private readonly version: string
  private readonly headerNames: string[]

  constructor(settings: TestifySettings, options: TestifyClientOptions) {
    this.version = settings.apiVersion
    this.headerNames = Object.keys(settings.authHeaders)
    this.json = new JsonClient({
      baseUrl: settings.apiUrl,
      userAgent: USER_AGENT,
      headers: settings.authHeaders,
      timeoutMs: options.timeoutMs ?? TESTIFY_REQUEST_TIMEOUT_MS,
      clock: options.clock,
      wall: options.wall,
      signal: options.signal,
      onRetry: (failure, delay) =>
        options.onRetry?.(
          `Testify ${failure.method} ${new URL(failure.url).pathname} failed (${failure.message}); retrying in ${(delay / 1000).toFixed(1)}s.`
        )
    })
  }

  /** True when the test object exists, false on 404. */
  async testObjectExists(externalId: string): Promise<boolean> {
    const body = await this.readOrNull(testifyRequests.readTestObject(this.version, externalId), {
      action: `read test object '${externalId}'`,
      resource: `test object '${externalId}'`,
      inputs: "'testify-test-object'"
    })
    return body !== null
  }

  async createTestObject(externalId: string): Promise<void> {
    await this.send(testifyRequests.createTestObject(this.version, externalId), {
      action: `create test object '${externalId}'`,
      resource: `test object '${externalId}'`,
      inputs: "'testify-test-object'"
    })
  }

  /** The checklist's checks and link; null when no checklist has that external ID. */
  async readChecklist(externalId: string): Promise<ChecklistView | null> {
    const body = await this.readOrNull(testifyRequests.readChecklistResults(this.version, externalId), {
      action: `read the checks of checklist '${externalId}'`,
      resource: `checklist '${externalId}'`,
      inputs: "'testify-checklist-template'"
    })
    return body === null ? null : parseChecklistView(body)
  }

  async createChecklist(externalId: string, testObjectId: string, templateId: string): Promise<void> {
    await this.send(testifyRequests.createChecklist(this.version, externalId, testObjectId, templateId), {
      action: `create checklist '${externalId}' from template '${templateId}' on test object '${testObjectId}'`,
      resource: `checklist template '${templateId}' or test object '${testObjectId}'`,
      inputs: "'testify-checklist-template'"
    })
  }

  async postCheckResult(checklistId: string, checkIdentifier: string, value: CheckValue, comment: string | null): Promise<void> {
    await this.send(testifyRequests.postCheckResult(this.version, checklistId, checkIdentifier, value, comment), {
      action: `add the result of check '${checkIdentifier}' to checklist '${checklistId}'`,
      resource: `check '${checkIdentifier}' in checklist '${checklistId}'`,
      inputs: "the checklist template's checks and 'testify-check-identifier'"
    })
  }

  dispose(): void {
    this.json.dispose()
  }

  /** A read whose 404 means "does not exist"; any body counts as found. */
  private async readOrNull(request: JsonRequest, subject: TestifyRequestSubject): Promise<unknown> {
    try {
      return (await this.json.request<unknown>(request)).body ?? {}
    } catch (error) {
      if (error instanceof HttpFailure && error.status === 404) return null
      throw this.explain(error, subject)
    }
  }

  private async send(request: JsonRequest, subject: TestifyRequestSubject): Promise<void> {
    try {
      await this.json.request<unknown>(request)
    } catch (error) {
      throw this.explain(error, subject)
    }
  }

  private explain(error: unknown, subject: TestifyRequestSubject): unknown {
    return error instanceof HttpFailure ? explainTestifyFailure(error, subject, this.headerNames) : error
  }
}
