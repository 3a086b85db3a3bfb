import { HttpClient } from '@actions/http-client'
import type { OutgoingHttpHeaders } from 'node:http'
import { redact } from '../log.js'
import { type Clock, type Deadline, realClock } from '../util/clock.js'
import { clip } from '../util/format.js'
import {
  CREATE_RETRY,
  READ_RETRY,
  type RetryPolicy,
  backoffDelay,
  isNotSentError,
  isRetryableStatus,
  parseRetryAfter
} from './retry-policy.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * - `idempotent`: safe to repeat (reads, deletes): retried on network errors, 408, 429 and 5xx.
 * - `create`: may start something that costs money or duplicates data: retried only where the
 *   server cannot have acted (429, or a connection that failed before the request was sent).
 */
export type RetryMode = 'idempotent' | 'create'

export interface JsonRequest {
  method: HttpMethod
  /** Relative to the client's base URL; may carry a query string. */
  path: string
  body?: unknown
  retry: RetryMode
  /** Overrides the client's per-request timeout. */
  timeoutMs?: number
  /** False when the answer's body does not matter (Autify answers a DELETE with a bare `ok`). */
  expectJson?: boolean
  /** Clean-up that must still go out after the job is cancelled (bound it with `timeoutMs`). */
  ignoreCancel?: boolean
}

export interface JsonResponse<T> {
  status: number
  body: T
}

export type FailureKind = 'status' | 'network' | 'timeout' | 'invalid-json' | 'aborted'

/** A request that did not give a usable answer. `message` is safe to show: secrets are redacted. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly method: HttpMethod,
    readonly url: string,
    message: string,
    readonly details: {
      status?: number
      body?: unknown
      excerpt?: string
      code?: string
      /** False only when the request provably never reached the server. */
      mayHaveReachedServer: boolean
      retryAfterMs?: number
      attempts?: number
    }
  ) {
    super(redact(message))
    this.name = 'HttpFailure'
  }

  get status(): number | undefined {
    return this.details.status
  }
}

export interface JsonClientOptions {
  baseUrl: string
  userAgent: string
  headers: OutgoingHttpHeaders
  timeoutMs: number
  clock?: Clock
  /** Retries never sleep past it. */
  deadline?: Deadline
  signal?: AbortSignal
  onRetry?: (failure: HttpFailure, delayMs: number, attempt: number) => void
  random?: () => number
}

/** JSON over HTTP with a timeout on every request and one retry policy for all callers. */
export class JsonClient {
  private readonly http: HttpClient
  private readonly clock: Clock

  constructor(private readonly options: JsonClientOptions) {
    this.http = new HttpClient(options.userAgent, [], {
      allowRetries: false,
      allowRedirects: true,
      socketTimeout: options.timeoutMs,
      keepAlive: false
    })
    this.clock = options.clock ?? realClock
  }

  get baseUrl(): string {
    return this.options.baseUrl
  }

  /** Sends `request`, retrying as its mode allows, and returns the parsed 2xx body. */
  async request<T>(request: JsonRequest, deadline = this.options.deadline): Promise<JsonResponse<T>> {
    const policy = request.retry === 'idempotent' ? READ_RETRY : CREATE_RETRY
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(request)
      } catch (error) {
        if (!(error instanceof HttpFailure)) throw error
        error.details.attempts = attempt
        const delay = this.retryDelay(error, request.retry, policy, attempt)
        if (delay === undefined || (deadline && delay > deadline.remainingMs())) throw error
        this.options.onRetry?.(error, delay, attempt)
        await this.clock.sleep(delay, request.ignoreCancel ? undefined : this.options.signal)
      }
    }
  }

  dispose(): void {
    this.http.dispose()
  }

  private retryDelay(failure: HttpFailure, mode: RetryMode, policy: RetryPolicy, attempt: number): number | undefined {
    if (attempt >= policy.maxAttempts || failure.kind === 'aborted') return undefined
    const retryable =
      mode === 'idempotent'
        ? failure.kind === 'network' || failure.kind === 'timeout' || (failure.kind === 'status' && isRetryableStatus(failure.status ?? 0))
        : failure.status === 429 || (failure.kind === 'network' && !failure.details.mayHaveReachedServer)
    if (!retryable) return undefined
    const backoff = backoffDelay(policy, attempt, this.options.random)
    return Math.max(backoff, failure.details.retryAfterMs ?? 0)
  }

  private async send<T>(request: JsonRequest): Promise<JsonResponse<T>> {
    const url = new URL(request.path.replace(/^\//, ''), this.options.baseUrl).toString()
    const headers: OutgoingHttpHeaders = { Accept: 'application/json', ...this.options.headers }
    let data: string | null = null
    if (request.body !== undefined) {
      data = JSON.stringify(request.body)
      headers['Content-Type'] = 'application/json'
    }
    const signal = request.ignoreCancel ? undefined : this.options.signal
    if (signal?.aborted) throw this.aborted(request, url)

    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs
    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    const exchange = (async () => {
      const response = await this.http.request(request.method, url, data, headers)
      const text = await response.readBody()
      return { status: response.message.statusCode ?? 0, headers: response.message.headers, text }
    })()
    const limits = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new HttpFailure('timeout', request.method, url, `no answer within ${timeoutMs / 1000}s`, {
              mayHaveReachedServer: true
            })
          ),
        timeoutMs
      )
      onAbort = () => reject(this.aborted(request, url))
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    let answer: Awaited<typeof exchange>
    try {
      answer = await Promise.race([exchange, limits])
    } catch (error) {
      throw error instanceof HttpFailure ? error : this.networkFailure(error, request, url)
    } finally {
      clearTimeout(timer)
      if (onAbort) signal?.removeEventListener('abort', onAbort)
      exchange.catch(() => undefined)
    }

    const { status, text } = answer
    let body: unknown = undefined
    let parsed = true
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        parsed = false
      }
    }
    const excerpt = clip(text.replace(/\s+/g, ' ').trim(), 200)
    if (status < 200 || status >= 300) {
      throw new HttpFailure('status', request.method, url, `HTTP ${status}`, {
        status,
        body: parsed ? body : undefined,
        excerpt,
        mayHaveReachedServer: true,
        retryAfterMs: parseRetryAfter(answer.headers['retry-after'], this.clock.now())
      })
    }
    if (!parsed && request.expectJson !== false) {
      throw new HttpFailure('invalid-json', request.method, url, `HTTP ${status} with a body that is not JSON`, {
        status,
        excerpt,
        mayHaveReachedServer: true
      })
    }
    return { status, body: body as T }
  }

  private aborted(request: JsonRequest, url: string): HttpFailure {
    return new HttpFailure('aborted', request.method, url, 'cancelled', { mayHaveReachedServer: true })
  }

  private networkFailure(error: unknown, request: JsonRequest, url: string): HttpFailure {
    const err = error as NodeJS.ErrnoException
    const code = err?.code
    const message = err?.message ?? String(error)
    if (/^Request timeout/.test(message)) {
      return new HttpFailure('timeout', request.method, url, 'the connection went silent', { mayHaveReachedServer: true })
    }
    return new HttpFailure('network', request.method, url, code ? `${code}: ${message}` : message, {
      code,
      mayHaveReachedServer: !isNotSentError(code)
    })
  }
}
