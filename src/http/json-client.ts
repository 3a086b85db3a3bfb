import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import { redact, redactServerJson, redactServerText } from '../secrets.js'
import { AbortWatch } from '../util/abort.js'
import { type Clock, type Deadline, within } from '../util/clock.js'
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
import { errorMessage } from '../util/error-message.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * - `idempotent`: safe to repeat (reads, deletes): retried on network errors, 408, 429 and 5xx.
 * - `create`: may start something that costs money or duplicates data: retried only where the
 *   server cannot have acted (429, or a connection that failed before the request was sent).
 * - `once`: a look that is worth nothing late (a first look at a list): never retried.
 */
export type RetryMode = 'idempotent' | 'create' | 'once'

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
  /** A longer answer is a `too-large` failure; defaults to DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number
}

/** Answers longer than this are refused unless a request allows more: memory stays bounded. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024

/**
 * A request's time is cut to what is left before the deadline, but never below this: the last
 * read at the deadline still gets a chance.
 */
export const MIN_REQUEST_TIMEOUT_MS = 2000

export interface JsonResponse<T> {
  status: number
  body: T
}

/**
 * `redirect`: the server pointed elsewhere; no redirect is followed, so credentials never leave the
 * configured origin and a POST is never sent twice. `too-large`: the answer passed its size cap.
 */
export type FailureKind = 'status' | 'network' | 'timeout' | 'invalid-json' | 'aborted' | 'redirect' | 'too-large'

/** What an answer's body was: JSON (any value), nothing, an HTML page, an XML document, or other text. */
export type BodyKind = 'json' | 'empty' | 'html' | 'xml' | 'text'

/** A request that did not give a usable answer. `message` is safe to show: secrets are redacted. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly method: HttpMethod,
    readonly url: string,
    message: string,
    readonly details: {
      status?: number
      /** The parsed JSON body, every string in it decoded and redacted (`redactServerJson`). */
      body?: unknown
      /** What the body was, for answers that have been read. */
      bodyKind?: BodyKind
      /** A short one-line excerpt of the body, decoded and redacted: its strings when it is JSON. */
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
  /** The run's time: retries wait on it, and `Retry-After` dates are read against it. */
  clock: Clock
  /**
   * Real time (the runtime's `wall`), which each request's time limit is measured on: a request
   * takes real time even when `clock` is virtual.
   */
  wall: Clock
  /** Retries never sleep past it. */
  deadline?: Deadline
  signal?: AbortSignal
  onRetry?: (failure: HttpFailure, delayMs: number, attempt: number) => void
  random?: () => number
}

/**
 * JSON over HTTP with a timeout on every request (cut to the deadline), a cap on every answer's
 * size, no redirects, and one retry policy for all callers. Proxy settings are honoured
 * (@actions/http-client).
 */
export class JsonClient {
  private readonly http: HttpClient
  private readonly clock: Clock
  /** The cancel, watched once for every request in flight. */
  private readonly cancel: AbortWatch | undefined

  constructor(private readonly options: JsonClientOptions) {
    this.http = new HttpClient(options.userAgent, [], {
      allowRetries: false,
      allowRedirects: false,
      socketTimeout: options.timeoutMs,
      keepAlive: false
    })
    this.clock = options.clock
    this.cancel = options.signal && new AbortWatch(options.signal)
  }

  get baseUrl(): string {
    return this.options.baseUrl
  }

  /** Sends `request`, retrying as its mode allows, and returns the parsed 2xx body. */
  async request<T>(request: JsonRequest, deadline = this.options.deadline): Promise<JsonResponse<T>> {
    const policy = request.retry === 'idempotent' ? READ_RETRY : CREATE_RETRY
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(request, this.timeoutFor(request, deadline))
      } catch (error) {
        if (!(error instanceof HttpFailure)) throw error
        error.details.attempts = attempt
        const delay = this.retryDelay(error, request.retry, policy, attempt)
        const stopped = !request.ignoreCancel && this.options.signal?.aborted
        if (delay === undefined || stopped || (deadline && delay > deadline.remainingMs())) throw error
        this.options.onRetry?.(error, delay, attempt)
        await this.clock.sleep(delay, request.ignoreCancel ? undefined : this.options.signal)
      }
    }
  }

  dispose(): void {
    this.http.dispose()
  }

  private retryDelay(failure: HttpFailure, mode: RetryMode, policy: RetryPolicy, attempt: number): number | undefined {
    if (mode === 'once' || attempt >= policy.maxAttempts || failure.kind === 'aborted') return undefined
    const retryable =
      mode === 'idempotent'
        ? failure.kind === 'network' || failure.kind === 'timeout' || (failure.kind === 'status' && isRetryableStatus(failure.status ?? 0))
        : failure.status === 429 || (failure.kind === 'network' && !failure.details.mayHaveReachedServer)
    if (!retryable) return undefined
    const backoff = backoffDelay(policy, attempt, this.options.random)
    return Math.max(backoff, failure.details.retryAfterMs ?? 0)
  }

  /** The request's own timeout, cut to the time left before the deadline (with a floor). */
  private timeoutFor(request: JsonRequest, deadline: Deadline | undefined): number {
    const own = request.timeoutMs ?? this.options.timeoutMs
    return deadline ? Math.min(own, Math.max(MIN_REQUEST_TIMEOUT_MS, deadline.remainingMs())) : own
  }

  private async send<T>(request: JsonRequest, timeoutMs: number): Promise<JsonResponse<T>> {
    const url = new URL(request.path.replace(/^\//, ''), this.options.baseUrl).toString()
    const headers: OutgoingHttpHeaders = { Accept: 'application/json', ...this.options.headers }
    let data: string | null = null
    if (request.body !== undefined) {
      data = JSON.stringify(request.body)
      headers['Content-Type'] = 'application/json'
    }
    const signal = request.ignoreCancel ? undefined : this.options.signal
    if (signal?.aborted) throw this.aborted(request, url, signal.reason)

    const maxBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
    let stopWatching: (() => void) | undefined
    let response: HttpClientResponse | undefined
    let settled = false
    const exchange = (async () => {
      response = await this.http.request(request.method, url, data, headers)
      // The answer came after the timeout or the cancel: drop it unread.
      if (settled) response.message.destroy()
      const status = response.message.statusCode ?? 0
      const text = status >= 300 && status < 400 ? '' : await readBody(response.message, maxBytes)
      return { status, headers: response.message.headers, text }
    })()
    const timedOut = (): never => {
      throw new HttpFailure('timeout', request.method, url, `no answer within ${formatSeconds(timeoutMs)}`, { mayHaveReachedServer: true })
    }
    // The cancel through the client's one watch on the signal (not `within`'s own listener per request).
    const cancelled = new Promise<never>((_, reject) => {
      if (signal) stopWatching = this.cancel?.watch(() => reject(this.aborted(request, url, signal.reason)))
    })
    let answer: Awaited<typeof exchange>
    try {
      answer = await within(Promise.race([exchange, cancelled]), { ms: timeoutMs, clock: this.options.wall }, timedOut)
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw new HttpFailure('too-large', request.method, url, `an answer larger than ${formatMiB(maxBytes)}`, {
          status: response?.message.statusCode,
          mayHaveReachedServer: true
        })
      }
      throw error instanceof HttpFailure ? error : this.networkFailure(error, request, url)
    } finally {
      settled = true
      stopWatching?.()
      exchange.catch(() => undefined)
      // Closes the connection of an answer left unread (timeout, cancel, size cap, redirect).
      response?.message.destroy()
    }

    return this.interpret<T>(request, url, answer)
  }

  /** An answer read whole: a redirect, an error status or a body that is not JSON is a failure. */
  private interpret<T>(
    request: JsonRequest,
    url: string,
    answer: { status: number; headers: IncomingHttpHeaders; text: string }
  ): JsonResponse<T> {
    if (answer.status >= 300 && answer.status < 400) {
      throw new HttpFailure(
        'redirect',
        request.method,
        url,
        `redirected (HTTP ${answer.status}) to ${redirectTarget(answer.headers.location, url)}, which is not followed`,
        { status: answer.status, mayHaveReachedServer: true }
      )
    }
    const { status, text } = answer
    const read = readAnswer(text, answer.headers['content-type'])
    if (status < 200 || status >= 300) {
      throw new HttpFailure('status', request.method, url, `HTTP ${status}`, {
        status,
        ...read.failureDetails(),
        mayHaveReachedServer: true,
        retryAfterMs: parseRetryAfter(answer.headers['retry-after'], this.clock.now())
      })
    }
    if (read.kind !== 'json' && read.kind !== 'empty' && request.expectJson !== false) {
      throw new HttpFailure('invalid-json', request.method, url, `HTTP ${status} with a body that is not JSON`, {
        status,
        ...read.failureDetails(),
        mayHaveReachedServer: true
      })
    }
    const body = read.body
    return { status, body: body as T }
  }

  /** A signal that aborts on a timer (AbortSignal.timeout: a caller's time budget) means out of time, not cancelled. */
  private aborted(request: JsonRequest, url: string, reason?: unknown): HttpFailure {
    if ((reason as Error | undefined)?.name === 'TimeoutError') {
      return new HttpFailure('timeout', request.method, url, 'no answer within the time left', { mayHaveReachedServer: true })
    }
    return new HttpFailure('aborted', request.method, url, 'cancelled', { mayHaveReachedServer: true })
  }

  private networkFailure(error: unknown, request: JsonRequest, url: string): HttpFailure {
    const err = error as NodeJS.ErrnoException
    const code = err?.code
    const message = errorMessage(error)
    if (/^Request timeout/.test(message)) {
      return new HttpFailure('timeout', request.method, url, 'the connection went silent', { mayHaveReachedServer: true })
    }
    return new HttpFailure('network', request.method, url, code ? `${code}: ${message}` : message, {
      code,
      mayHaveReachedServer: !isNotSentError(code)
    })
  }
}

class BodyTooLarge extends Error {}

/**
 * A body as read: parsed when it is JSON, and, for a failure, shown only once decoded and redacted
 * (a JSON body's strings, never its raw text, so no escape in it can hide a secret).
 */
function readAnswer(text: string, contentType: string | undefined) {
  let body: unknown = undefined
  let kind: BodyKind = text.trim() === '' ? 'empty' : 'json'
  if (kind === 'json') {
    try {
      body = JSON.parse(text)
    } catch {
      kind = markupKind(text, contentType)
    }
  }
  const failureDetails = () => {
    const shown = kind === 'json' ? redactServerJson(body) : undefined
    const raw = kind === 'json' ? JSON.stringify(shown) : text.slice(0, 2000)
    // Decoded and redacted before it is cut, so no part of a secret survives the cut.
    const excerpt = clip(redactServerText(raw).replace(/\s+/g, ' ').trim(), 200)
    return { body: shown, bodyKind: kind, excerpt }
  }
  return { body, kind, failureDetails }
}

/** An answer that is not JSON: an HTML page, an XML document or other text, by its type or its start. */
function markupKind(text: string, contentType = ''): BodyKind {
  const start = text.trimStart().slice(0, 200).toLowerCase()
  if (/html/i.test(contentType) || /^<!doctype html|^<html|<(head|body)[\s>]/.test(start)) return 'html'
  if (/xml/i.test(contentType) || start.startsWith('<?xml')) return 'xml'
  return 'text'
}

/**
 * The body as text, read in linear time: chunks are collected and joined once. Past `maxBytes`
 * (declared or received) the connection is dropped and BodyTooLarge thrown.
 */
function readBody(message: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(message.headers['content-length'])
    if (Number.isFinite(declared) && declared > maxBytes) {
      message.destroy()
      return reject(new BodyTooLarge())
    }
    const chunks: Buffer[] = []
    let size = 0
    let ended = false
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        message.destroy()
        reject(new BodyTooLarge())
      } else chunks.push(chunk)
    })
    message.on('end', () => {
      ended = true
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    message.on('error', reject)
    message.on('close', () => {
      if (!ended) reject(Object.assign(new Error('the connection closed before the answer was complete'), { code: 'ECONNRESET' }))
    })
  })
}

/** Where a redirect pointed, without credentials, query or fragment (they may hold secrets). */
function redirectTarget(location: string | undefined, from: string): string {
  if (!location) return 'nowhere (no Location header)'
  try {
    const target = new URL(location, from)
    return clip(redact(`${target.protocol}//${target.host}${target.pathname}`), 200)
  } catch {
    return 'an unreadable location'
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`
}

function formatMiB(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`
}
