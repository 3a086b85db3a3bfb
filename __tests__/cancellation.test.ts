/**
 * Cancellation in-process: the runner's SIGINT/SIGTERM (emitted on `process`, nothing is really
 * signalled) abort the signal once, and `withCancelGrace` gives a request its grace after a cancel.
 */
import { getEventListeners } from 'node:events'
import { describe, expect, it, jest } from '@jest/globals'
import { CancelledError, listenForCancellation, withCancelGrace } from '../src/cancellation.js'

const listeners = () => process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')

describe('listenForCancellation', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('aborts on %s with a CancelledError naming it, and calls onCancel once', (name) => {
    const calls: string[] = []
    const cancellation = listenForCancellation((signalName) => calls.push(signalName))
    try {
      expect(cancellation.signal.aborted).toBe(false)
      process.emit(name, name)
      process.emit(name === 'SIGINT' ? 'SIGTERM' : 'SIGINT', name === 'SIGINT' ? 'SIGTERM' : 'SIGINT')
      expect(cancellation.signal.aborted).toBe(true)
      expect(cancellation.signal.reason).toBeInstanceOf(CancelledError)
      expect(cancellation.signal.reason).toMatchObject({
        name: 'CancelledError',
        signalName: name,
        message: `The job was cancelled (${name}).`
      })
      expect(calls).toEqual([name])
    } finally {
      cancellation.dispose()
    }
  })

  it('stops listening once disposed', () => {
    const before = listeners()
    const cancellation = listenForCancellation(() => undefined)
    expect(listeners()).toBe(before + 2)
    cancellation.dispose()
    expect(listeners()).toBe(before)
  })
})

describe('withCancelGrace', () => {
  const never = () => new Promise<string>(() => undefined)

  it('is the work itself without a signal, or when the work ends first', async () => {
    await expect(withCancelGrace(Promise.resolve('done'), undefined, 10)).resolves.toBe('done')
    await expect(withCancelGrace(Promise.resolve('done'), new AbortController().signal, 10)).resolves.toBe('done')
    await expect(withCancelGrace(Promise.reject(new Error('failed')), new AbortController().signal, 10)).rejects.toThrow('failed')
  })

  it('gives up graceMs after the cancel with the signal’s reason, not before', async () => {
    const controller = new AbortController()
    let settled = false
    const given = withCancelGrace(never(), controller.signal, 50).finally(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(settled).toBe(false)
    const reason = new CancelledError('SIGINT')
    const at = Date.now()
    controller.abort(reason)
    await expect(given).rejects.toBe(reason)
    expect(Date.now() - at).toBeGreaterThanOrEqual(40)
  })

  it('gives up after the grace when already cancelled, and lets work that ends within it finish', async () => {
    const reason = new CancelledError('SIGTERM')
    await expect(withCancelGrace(never(), AbortSignal.abort(reason), 20)).rejects.toBe(reason)
    const soon = new Promise<string>((resolve) => setTimeout(() => resolve('started'), 10))
    await expect(withCancelGrace(soon, AbortSignal.abort(reason), 200)).resolves.toBe('started')
  })

  it('leaves no listener on the signal and no timer behind, whichever ends first', async () => {
    const controller = new AbortController()
    await withCancelGrace(Promise.resolve('done'), controller.signal, 10)
    await expect(withCancelGrace(Promise.reject(new Error('failed')), controller.signal, 10)).rejects.toThrow('failed')
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    jest.useFakeTimers()
    try {
      const cancelled = new AbortController()
      const work = withCancelGrace(new Promise<string>((resolve) => setTimeout(() => resolve('started'), 10)), cancelled.signal, 1000)
      cancelled.abort(new CancelledError('SIGTERM'))
      expect(jest.getTimerCount()).toBe(2)
      await jest.advanceTimersByTimeAsync(10)
      await expect(work).resolves.toBe('started')
      expect(jest.getTimerCount()).toBe(0)
      expect(getEventListeners(cancelled.signal, 'abort')).toHaveLength(0)
    } finally {
      jest.useRealTimers()
    }
  })
})
