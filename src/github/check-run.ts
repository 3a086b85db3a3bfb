import type { CheckConclusion } from '../report/verdict.js'
import { redact } from '../secrets.js'
import type { Annotation } from '../report/annotations.js'
import type { Clock } from '../util/clock.js'
import { clipBytes } from '../util/format.js'
import { nullIfInvalid, parseShape } from '../util/shape.js'
import { type CheckRunApp, annotationListShape, checkRunListShape, createdCheckRunShape } from './api-shapes.js'
import { type Octokit, createOctokit } from './octokit.js'
import { type AnnotationKey, SEND_ONCE, appendOnce, createOnce } from './write-once.js'
import { errorMessage, errorStatus } from '../util/error-message.js'

/** Each Checks API call, retries included, gives up after this long: a hung API must not hang the step. */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000

/** The call's time limit, cut shorter by `signal` (a cancelled job) when given. */
function timeLimit(signal?: AbortSignal): { signal: AbortSignal } {
  const timeout = AbortSignal.timeout(GITHUB_REQUEST_TIMEOUT_MS)
  return { signal: signal ? AbortSignal.any([signal, timeout]) : timeout }
}

/** Checks API limits. */
export const CHECK_RUN_LIMITS = { annotationsPerRequest: 50, outputBytes: 65_535, titleChars: 255 }

export interface CheckOutput {
  title: string
  summary: string
  text?: string
}

export interface CheckRunTarget {
  token: string
  apiUrl: string
  owner: string
  repo: string
  sha: string
  name: string
  detailsUrl: string
  externalId: string
  /** The clock every wait between requests is on (pacing, back-off, rate limits), and the times sent are read from. */
  clock: Clock
}

/** The token may not write checks (fork PRs, `permissions: checks: read`): report elsewhere. */
export class CheckRunPermissionError extends Error {
  constructor(
    readonly status: number,
    detail: string
  ) {
    super(detail)
    this.name = 'CheckRunPermissionError'
  }
}

/** One check run on the commit: created in progress, updated, completed with every annotation. */
export class CheckRun {
  private constructor(
    private readonly octokit: Octokit,
    private readonly target: CheckRunTarget,
    readonly id: number,
    readonly url: string,
    /** The GitHub App that made it (the token's), when GitHub said. */
    readonly app: CheckRunApp | null,
    private readonly debug: (message: string) => void = () => undefined
  ) {}

  /**
   * Creates the check run, once: a create that may have been applied (a 5xx, a timeout) is looked
   * for among the commit's check runs by its `external_id` (the result ID) before it is sent again.
   */
  static async create(
    target: CheckRunTarget,
    output: CheckOutput,
    warn: (message: string) => void,
    debug: (message: string) => void = () => undefined
  ): Promise<CheckRun> {
    const octokit = createOctokit(target.token, target.apiUrl, warn, target.clock)
    const { owner, repo } = target
    try {
      const send = async () => {
        const { data } = await octokit.rest.checks.create({
          owner,
          repo,
          name: target.name,
          head_sha: target.sha,
          status: 'in_progress',
          started_at: new Date(target.clock.now()).toISOString(),
          details_url: target.detailsUrl,
          external_id: target.externalId,
          output: limitOutput(output),
          request: { ...timeLimit(), ...SEND_ONCE }
        })
        return parseShape(createdCheckRunShape, data)
      }
      const findCreated = async () => {
        const { data } = await octokit.rest.checks.listForRef({
          owner,
          repo,
          ref: target.sha,
          check_name: target.name,
          filter: 'all',
          per_page: 100,
          request: timeLimit()
        })
        // An answer that is not a list of check runs finds nothing: the check run is sent again.
        const listed = parseShape(nullIfInvalid(checkRunListShape), data)?.check_runs ?? []
        return listed.find((run) => run.external_id === target.externalId) ?? null
      }
      const created = await createOnce(send, findCreated, { what: 'the check run', debug, clock: target.clock })
      return new CheckRun(
        octokit,
        target,
        created.id,
        created.html_url && /^https:\/\//.test(created.html_url) ? redact(created.html_url) : '',
        created.app ?? null,
        debug
      )
    } catch (error) {
      const status = errorStatus(error)
      if (status === 403 || status === 404) {
        throw new CheckRunPermissionError(status, redact(errorMessage(error)))
      }
      throw error
    }
  }

  /** Replaces the output while in progress; `annotations` (at most 50) are appended. */
  async update(output: CheckOutput, annotations: readonly Annotation[] = [], signal?: AbortSignal): Promise<void> {
    await this.patch({}, limitOutput(output), annotations, signal)
  }

  /** Completes the check run; annotations go 50 per request, the first batch with the conclusion. */
  async complete(
    conclusion: CheckConclusion,
    output: CheckOutput,
    annotations: readonly Annotation[],
    signal?: AbortSignal
  ): Promise<void> {
    const limited = limitOutput(output)
    const batches = chunk(annotations, CHECK_RUN_LIMITS.annotationsPerRequest)
    await this.patch(
      { status: 'completed', conclusion, completed_at: new Date(this.target.clock.now()).toISOString() },
      limited,
      batches[0] ?? [],
      signal
    )
    for (const batch of batches.slice(1)) await this.patch({}, limited, batch, signal)
  }

  /**
   * One update. Fields and output alone are safe to repeat (request-pacing.ts retries them); annotations are
   * appended, so a request that carries them is sent once, and after an ambiguous failure only the
   * annotations the check run does not have yet are sent again.
   */
  private async patch(
    fields: Record<string, unknown>,
    output: CheckOutput,
    annotations: readonly Annotation[],
    signal?: AbortSignal
  ): Promise<void> {
    const send = (batch: readonly Annotation[], once: boolean) =>
      this.octokit.rest.checks
        .update({
          owner: this.target.owner,
          repo: this.target.repo,
          check_run_id: this.id,
          ...fields,
          output: { ...output, annotations: [...batch] },
          request: once ? { ...timeLimit(signal), ...SEND_ONCE } : timeLimit(signal)
        })
        .then(() => undefined)
    if (annotations.length === 0) return send([], false)
    await appendOnce(
      (batch) => send(batch, true),
      annotations,
      () => this.annotationsPresent(signal),
      {
        signal,
        what: 'the check run',
        debug: this.debug,
        clock: this.target.clock
      }
    )
  }

  /** Every annotation the check run has, as GitHub lists them (at most 500 are ever sent). */
  private async annotationsPresent(signal?: AbortSignal): Promise<AnnotationKey[]> {
    const present: AnnotationKey[] = []
    for (let page = 1; page <= 10; page++) {
      const { data } = await this.octokit.rest.checks.listAnnotations({
        owner: this.target.owner,
        repo: this.target.repo,
        check_run_id: this.id,
        per_page: 100,
        page,
        request: timeLimit(signal)
      })
      // An answer that is not a list reads as no annotations, an entry that is not one as a failure.
      const list = Array.isArray(data) ? parseShape(annotationListShape, data) : []
      present.push(...list)
      if (list.length < 100) break
    }
    return present
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

function limitOutput(output: CheckOutput): CheckOutput {
  const limited: CheckOutput = {
    title: redact(output.title).slice(0, CHECK_RUN_LIMITS.titleChars),
    summary: clipBytes(redact(output.summary), CHECK_RUN_LIMITS.outputBytes)
  }
  if (output.text) limited.text = clipBytes(redact(output.text), CHECK_RUN_LIMITS.outputBytes)
  return limited
}
