import { CREATE_RETRY, backoffDelay, isNotSentError } from '../http/retry-policy.js'
import type { Clock } from '../util/clock.js'
import { errorMessage, errorStatus } from '../util/error-message.js'

/**
 * How a failed GitHub write ended: `not-sent` (the connection was refused or the host not found:
 * GitHub cannot have acted, so sending again is safe), `refused` (GitHub answered 4xx: nothing was
 * written), or `ambiguous` (a 5xx, a timeout, a reset after sending: it may have been applied).
 */
export type WriteFailure = 'not-sent' | 'refused' | 'ambiguous'

/** Attempts in all for one write, the first one included. */
const MAX_WRITE_ATTEMPTS = 3

/** Per-request Octokit option: request-pacing.ts does not repeat this request on its own (a rate limit aside). */
export const SEND_ONCE = { sendOnce: true } as const

export function writeFailureOf(error: unknown): WriteFailure {
  if (isNotSentError(errorCode(error))) return 'not-sent'
  const status = errorStatus(error)
  const answered = typeof error === 'object' && error !== null && 'response' in error && error.response !== undefined
  if (answered && status !== undefined && status >= 400 && status < 500 && status !== 408) return 'refused'
  return 'ambiguous'
}

/** The system error code (`ECONNREFUSED`) anywhere in the error's chain of causes. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 6; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code
    current = 'cause' in current ? current.cause : undefined
  }
  return undefined
}

export interface WriteOptions {
  signal?: AbortSignal
  /** What is written, for the debug log: `the check run`. */
  what: string
  debug: (message: string) => void
  /** The clock the back-off between attempts waits on. */
  clock: Clock
}

/**
 * Creates something on GitHub once: sent again only when it provably did not reach GitHub; after an
 * ambiguous failure, `findCreated` looks for what it may have created, and only when that finds
 * nothing is it sent again.
 */
export async function createOnce<T>(create: () => Promise<T>, findCreated: () => Promise<T | null>, options: WriteOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create()
    } catch (error) {
      const failure = writeFailureOf(error)
      if (failure === 'refused' || attempt >= MAX_WRITE_ATTEMPTS || options.signal?.aborted) throw error
      options.debug(`Creating ${options.what} failed (${failure}: ${errorMessage(error)}).`)
      await options.clock.sleep(backoffDelay(CREATE_RETRY, attempt), options.signal)
      if (failure === 'ambiguous') {
        const found = await findCreated()
        if (found !== null) {
          options.debug(`${options.what} had been created after all: using it.`)
          return found
        }
      }
    }
  }
}

/** The annotation fields GitHub gives back, enough to tell one annotation from another. */
export interface AnnotationKey {
  annotation_level?: string | null
  title?: string | null
  message?: string | null
}

const keyOf = (a: AnnotationKey) => `${a.annotation_level}\u0000${a.title ?? ''}\u0000${a.message ?? ''}`

/** The annotations of `batch` not (or not as often) among `present`. */
export function missingAnnotations<A extends AnnotationKey>(batch: readonly A[], present: readonly AnnotationKey[]): A[] {
  const counts = new Map<string, number>()
  for (const a of present) counts.set(keyOf(a), (counts.get(keyOf(a)) ?? 0) + 1)
  return batch.filter((a) => {
    const left = counts.get(keyOf(a)) ?? 0
    if (left > 0) counts.set(keyOf(a), left - 1)
    return left === 0
  })
}

/**
 * Sends a write that appends `batch` (check-run annotations are appended, never replaced), each
 * annotation exactly once: after an ambiguous failure the annotations already there are read and
 * only the missing ones are sent again, with the same other fields.
 */
export async function appendOnce<A extends AnnotationKey>(
  send: (annotations: A[]) => Promise<void>,
  batch: readonly A[],
  present: () => Promise<AnnotationKey[]>,
  options: WriteOptions
): Promise<void> {
  let pending = [...batch]
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(pending)
    } catch (error) {
      const failure = writeFailureOf(error)
      if (failure === 'refused' || attempt >= MAX_WRITE_ATTEMPTS || options.signal?.aborted) throw error
      options.debug(`Updating ${options.what} failed (${failure}: ${errorMessage(error)}).`)
      await options.clock.sleep(backoffDelay(CREATE_RETRY, attempt), options.signal)
      if (failure === 'ambiguous' && pending.length > 0) pending = missingAnnotations(pending, await present())
    }
  }
}
