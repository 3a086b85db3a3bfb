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
