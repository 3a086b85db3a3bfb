import type { Clock } from '../../src/util/clock.js'
import { realClock } from '../../src/util/clock.js'

/**
 * Time that moves only when the test says (`advance`): a wall clock for racing real work, such as
 * a request to a server that never answers, against a time limit without waiting for it. Unlike
 * the VirtualClock, a sleep does not move time, so work that is quick in real time wins its race.
 */
export class ManualClock implements Clock {
  private t = Date.parse('2026-11-24T09:00:00Z')
  private timers: { at: number; fire: () => void }[] = []

  now = (): number => this.t

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const timer = {
        at: this.t + Math.max(0, ms),
        fire: () => {
          signal?.removeEventListener('abort', abort)
          resolve()
        }
      }
      const abort = () => {
        this.timers = this.timers.filter((t) => t !== timer)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', abort, { once: true })
      this.timers.push(timer)
    })

  /** How long each pending sleep has left. */
  get pending(): number[] {
    return this.timers.map((t) => t.at - this.t)
  }

  /** Moves time on by `ms`, ends the sleeps due by then, and lets what they started run. */
  async advance(ms: number): Promise<void> {
    this.t += ms
    const due = this.timers.filter((t) => t.at <= this.t)
    this.timers = this.timers.filter((t) => t.at > this.t)
    for (const timer of due) timer.fire()
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
  }
}

/**
 * Real time, `factor` times faster: a wall clock for a test whose real work must race real time
 * limits (a request's 30 s) but whose patience (15 s) should not cost a real 15 s. Unlike a
 * VirtualClock as the wall, a request that answers in real time still wins its race.
 */
export function fastForwardClock(factor: number): Clock {
  const origin = realClock.now()
  return {
    now: () => origin + (realClock.now() - origin) * factor,
    sleep: (ms, signal) => realClock.sleep(ms / factor, signal)
  }
}
