import { within } from './clock.js'

/** `promise`, or a rejection as soon as `signal` aborts: a call that ignores its signal cannot outlast it. */
export function withinSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return within(promise, { signal }, () => {
    throw new Error('out of time for reporting')
  })
}
