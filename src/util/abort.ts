import { within } from './clock.js'

/** `promise`, or a rejection as soon as `signal` aborts: a call that ignores its signal cannot outlast it. */
export function withinSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return within(promise, { signal }, () => {
    throw new Error('out of time for reporting')
  })
}

/**
 * Watches one signal for any number of waiters with a single listener, there only while someone
 * waits: a client with many requests in flight on the run's signal holds one listener, not one per
 * request (Node warns past 10 on one signal).
 */
export class AbortWatch {
  private readonly waiters = new Set<() => void>()
  private readonly fire = () => {
    for (const waiter of [...this.waiters]) waiter()
  }

  constructor(readonly signal: AbortSignal) {}

  /** Calls `onAbort` when the signal aborts; the function returned stops watching. */
  watch(onAbort: () => void): () => void {
    if (this.waiters.size === 0) this.signal.addEventListener('abort', this.fire, { once: true })
    this.waiters.add(onAbort)
    return () => {
      this.waiters.delete(onAbort)
      if (this.waiters.size === 0) this.signal.removeEventListener('abort', this.fire)
    }
  }
}
