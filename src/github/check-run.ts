import type { CheckConclusion } from '../report/verdict.js'
import { redact } from '../secrets.js'
import type { Annotation } from '../report/annotations.js'
import { clipBytes } from '../util/format.js'
import { integer, nullable, object, parseShape, string } from '../util/shape.js'
import { type Octokit, createOctokit } from './octokit.js'

/** Each Checks API call, retries included, gives up after this long: a hung API must not hang the step. */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000

/** The call's time limit, cut shorter by `signal` (a cancelled job) when given. */
function timeLimit(signal?: AbortSignal): { signal: AbortSignal } {
  const timeout = AbortSignal.timeout(GITHUB_REQUEST_TIMEOUT_MS)
  return { signal: signal ? AbortSignal.any([signal, timeout]) : timeout }
}

/** What the action reads of GitHub's answer to creating a check run. */
const createdShape = object({ id: integer, html_url: nullable(string) })

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
    readonly url: string
  ) {}

  static async create(target: CheckRunTarget, output: CheckOutput, warn: (message: string) => void): Promise<CheckRun> {
    const octokit = createOctokit(target.token, target.apiUrl, warn)
    try {
      const { data } = await octokit.rest.checks.create({
        owner: target.owner,
        repo: target.repo,
        name: target.name,
        head_sha: target.sha,
        status: 'in_progress',
        started_at: new Date().toISOString(),
        details_url: target.detailsUrl,
        external_id: target.externalId,
        output: limitOutput(output),
        request: timeLimit()
      })
      const created = parseShape(createdShape, data)
      return new CheckRun(
        octokit,
        target,
        created.id,
        created.html_url && /^https:\/\//.test(created.html_url) ? redact(created.html_url) : ''
      )
    } catch (error) {
      const status = (error as { status?: number }).status
      if (status === 403 || status === 404) {
        throw new CheckRunPermissionError(status, redact((error as Error).message))
      }
      throw error
    }
  }

  /** Replaces the output while in progress; `annotations` (at most 50) are appended. */
  async update(output: CheckOutput, annotations: readonly Annotation[] = [], signal?: AbortSignal): Promise<void> {
    await this.patch({ output: { ...limitOutput(output), annotations: [...annotations] } }, signal)
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
      { status: 'completed', conclusion, completed_at: new Date().toISOString(), output: { ...limited, annotations: batches[0] ?? [] } },
      signal
    )
    for (const batch of batches.slice(1)) await this.patch({ output: { ...limited, annotations: batch } }, signal)
  }

  private async patch(fields: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    await this.octokit.rest.checks.update({
      owner: this.target.owner,
      repo: this.target.repo,
      check_run_id: this.id,
      ...fields,
      request: timeLimit(signal)
    })
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
