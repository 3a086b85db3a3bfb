import type { Clock } from './util/clock.js'

/** The job was cancelled: the runner sent SIGINT or SIGTERM. */
export class CancelledError extends Error {
  constructor(readonly signalName: string) {
    super(`The job was cancelled (${signalName}).`)
    this.name = 'CancelledError'
  }
}

export interface Cancellation {
  readonly signal: AbortSignal
  dispose(): void
}

/**
 * Turns the runner's SIGINT/SIGTERM into an aborted signal. The runner kills the process about
 * 10 s after the first signal, so `onCancel` starts the clean-up clock.
 */
export function listenForCancellation(onCancel: (signalName: string) => void): Cancellation {
  const controller = new AbortController()
  const handler = (signalName: NodeJS.Signals) => {
    if (controller.signal.aborted) return
    controller.abort(new CancelledError(signalName))
    onCancel(signalName)
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    }
  }
}

/**
 * `work`, but given up `graceMs` (on `wall`, real time: the runner's kill comes in real time) after
 * the job is cancelled. For requests that should finish if they can (a run being started) without
 * holding up the clean-up for long. Not `within` (util/clock.ts): its time starts at the cancel,
 * not with the work.
 */
export function withCancelGrace<T>(work: Promise<T>, signal: AbortSignal | undefined, graceMs: number, wall: Clock): Promise<T> {
  if (!signal) return work
  const done = new AbortController()
  const givenUp = new Promise<never>((_, reject) => {
    const giveUp = () =>
      wall.sleep(graceMs, done.signal).then(
        () => reject(signal.reason),
        () => undefined
      )
    if (signal.aborted) return void giveUp()
    signal.addEventListener('abort', giveUp, { once: true })
    done.signal.addEventListener('abort', () => signal.removeEventListener('abort', giveUp), { once: true })
  })
  return Promise.race([work, givenUp]).finally(() => done.abort())
}
