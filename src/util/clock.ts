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
