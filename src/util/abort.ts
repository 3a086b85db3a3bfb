/** `promise`, or a rejection as soon as `signal` aborts: a call that ignores its signal cannot outlast it. */
export function withinSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      const stop = () => reject(new Error('out of time for reporting'))
      if (signal.aborted) stop()
      else signal.addEventListener('abort', stop, { once: true })
    })
  ])
}
