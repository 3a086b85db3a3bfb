/**
 * Cancellation in-process: the runner's SIGINT/SIGTERM (emitted on `process`, nothing is really
 * signalled) abort the signal once, and `withCancelGrace` gives a request its grace after a cancel.
 */
import { getEventListeners } from 'node:events'
import { describe, expect, it } from '@jest/globals'
import { CancelledError, listenForCancellation, withCancelGrace } from '../src/cancellation.js'
import { ManualClock } from './helpers/manual-clock.js'

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
  /** Work that ends when the test says. */
  const pending = () => {
    let finish: (value: string) => void = () => undefined
    const work = new Promise<string>((resolve) => (finish = resolve))
    return { work, finish: (value: string) => finish(value) }
  }

  it('is the work itself without a signal, or when the work ends first', async () => {
    const wall = new ManualClock()
    await expect(withCancelGrace(Promise.resolve('done'), undefined, 10, wall)).resolves.toBe('done')
    await expect(withCancelGrace(Promise.resolve('done'), new AbortController().signal, 10, wall)).resolves.toBe('done')
    await expect(withCancelGrace(Promise.reject(new Error('failed')), new AbortController().signal, 10, wall)).rejects.toThrow('failed')
  })

  it('gives up graceMs after the cancel with the signal’s reason, not before', async () => {
    const wall = new ManualClock()
    const controller = new AbortController()
    const reason = new CancelledError('SIGINT')
    let settled = false
    const given = withCancelGrace(never(), controller.signal, 50, wall).finally(() => (settled = true))
    const givenUp = expect(given).rejects.toBe(reason)
    // Time before the cancel does not count.
    await wall.advance(80)
    expect(settled).toBe(false)
    controller.abort(reason)
    await wall.advance(49)
    expect(settled).toBe(false)
    await wall.advance(1)
    await givenUp
  })

  it('gives up after the grace when already cancelled, and lets work that ends within it finish', async () => {
    const wall = new ManualClock()
    const reason = new CancelledError('SIGTERM')
    const givenUp = expect(withCancelGrace(never(), AbortSignal.abort(reason), 20, wall)).rejects.toBe(reason)
    await wall.advance(20)
    await givenUp
    const soon = pending()
    const started = withCancelGrace(soon.work, AbortSignal.abort(reason), 200, wall)
    await wall.advance(199)
    soon.finish('started')
    await expect(started).resolves.toBe('started')
  })

  it('leaves no listener on the signal and no timer behind, whichever ends first', async () => {
    const wall = new ManualClock()
    const controller = new AbortController()
    await withCancelGrace(Promise.resolve('done'), controller.signal, 10, wall)
    await expect(withCancelGrace(Promise.reject(new Error('failed')), controller.signal, 10, wall)).rejects.toThrow('failed')
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    const cancelled = new AbortController()
    const soon = pending()
    const work = withCancelGrace(soon.work, cancelled.signal, 1000, wall)
    cancelled.abort(new CancelledError('SIGTERM'))
    expect(wall.pending).toEqual([1000])
    soon.finish('started')
    await expect(work).resolves.toBe('started')
    expect(wall.pending).toEqual([])
    expect(getEventListeners(cancelled.signal, 'abort')).toHaveLength(0)
  })
})
