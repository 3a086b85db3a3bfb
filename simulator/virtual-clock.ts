import type { Clock } from '../src/util/clock.js'

/**
 * Time that moves only when someone sleeps: shared by the Autify simulator and the code under test,
 * a 10-minute run takes a moment while every request still goes over loopback HTTP. A request
 * takes no virtual time. Sleeps honour an abort signal like the real clock's.
 */
export class VirtualClock implements Clock {
  private t: number

  constructor(start = Date.parse('2026-11-24T09:00:00Z')) {
    this.t = start
  }

  now = (): number => this.t

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw signal.reason
    // Let other pending work (an abort about to happen, a request in flight) go first.
    await new Promise((resolve) => setImmediate(resolve))
    if (signal?.aborted) throw signal.reason
    this.t += Math.max(0, ms)
  }
}
