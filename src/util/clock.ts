/** Time source for everything that waits, so benchmarks can run the same code on a virtual clock. */
export interface Clock {
  now(): number
  /** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const timer = setTimeout(done, Math.max(0, ms))
      function done(): void {
        signal?.removeEventListener('abort', abort)
        resolve()
      }
      function abort(): void {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', abort, { once: true })
    })
}

/** A point in time after which no more waiting is allowed. */
export class Deadline {
  constructor(
    readonly clock: Clock,
    readonly at: number
  ) {}

  static after(clock: Clock, ms: number): Deadline {
    return new Deadline(clock, clock.now() + ms)
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.clock.now())
  }

  get passed(): boolean {
    return this.clock.now() >= this.at
  }
}

/** What work is raced against: `ms` on `clock`, `signal`, or both (whichever comes first). */
export type Limit = { signal: AbortSignal; ms?: undefined } | { ms: number; clock: Clock; signal?: AbortSignal }

/**
 * The one way work is raced against time: `work`'s outcome, or `onLimit`'s (a value, or a throw)
 * once the limit is reached, `'signal'` when the signal aborted and `'time'` when `ms` passed. The
 * wait ends with the work: no timer or listener outlives it.
 */
export async function within<T, U = never>(work: Promise<T>, limit: Limit, onLimit: (why: 'time' | 'signal') => U): Promise<T | U> {
  const done = new AbortController()
  const reached = new Promise<'time' | 'signal'>((resolve) => {
    const { signal } = limit
    if (signal?.aborted) return resolve('signal')
    const onAbort = () => resolve('signal')
    signal?.addEventListener('abort', onAbort, { once: true })
    done.signal.addEventListener('abort', () => signal?.removeEventListener('abort', onAbort), { once: true })
    if (limit.ms !== undefined)
      limit.clock.sleep(limit.ms, done.signal).then(
        () => resolve('time'),
        () => undefined
      )
  })
  try {
    return await Promise.race([work, reached.then(onLimit)])
  } finally {
    done.abort()
  }
}
