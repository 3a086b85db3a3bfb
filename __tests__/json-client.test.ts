import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HttpFailure, JsonClient } from '../src/http/json-client.js'
import { READ_RETRY, backoffDelay, parseRetryAfter } from '../src/http/retry-policy.js'
import { SimulatorServer } from '../simulator/http-server.js'
import { Deadline, realClock } from '../src/util/clock.js'

let server: SimulatorServer
let base: string
beforeAll(async () => {
  server = new SimulatorServer(() => ({ status: 404, body: { errors: [{ message: 'Not Found' }] } }))
  server.route('GET', '/thing', () => ({ status: 200, body: { ok: true } }))
  server.route('POST', '/create', () => ({ status: 200, body: { id: 1 } }))
  base = `${await server.listen()}/`
})
afterAll(() => server.close())

const client = (timeoutMs = 2000) => new JsonClient({ baseUrl: base, userAgent: 'test/1', headers: {}, timeoutMs, random: () => 0 })

describe('retry policy', () => {
  it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped', () => {
    expect(backoffDelay(READ_RETRY, 1, () => 0)).toBe(250)
    expect(backoffDelay(READ_RETRY, 1, () => 1)).toBe(500)
    expect(backoffDelay(READ_RETRY, 3, () => 1)).toBe(2000)
    expect(backoffDelay(READ_RETRY, 10, () => 1)).toBe(READ_RETRY.maxDelayMs)
  })
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-24T10:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})

describe('JsonClient', () => {
  it('retries a read on 502 and returns the body', async () => {
    server.fault({ path: '/thing', status: 502, times: 2 })
    const started = server.requests.length
    await expect(client().request({ method: 'GET', path: 'thing', retry: 'idempotent' })).resolves.toEqual({
      status: 200,
      body: { ok: true }
    })
    expect(server.requests.length - started).toBe(3)
  })

  it('gives up a read after the policy’s attempts', async () => {
    server.fault({ path: '/thing', status: 500, times: 10 })
    const error = await client()
      .request({ method: 'GET', path: 'thing', retry: 'idempotent' })
      .catch((e: HttpFailure) => e)
    expect(error).toBeInstanceOf(HttpFailure)
    expect((error as HttpFailure).details.attempts).toBe(READ_RETRY.maxAttempts)
    server.clearFaults()
  })

  it('does not retry a create on 500, but does on 429', async () => {
    server.fault({ path: '/create', status: 500 })
    const before = server.requests.length
    await expect(client().request({ method: 'POST', path: 'create', body: {}, retry: 'create' })).rejects.toMatchObject({ status: 500 })
    expect(server.requests.length - before).toBe(1)
    server.fault({ path: '/create', status: 429 })
    await expect(client().request({ method: 'POST', path: 'create', body: {}, retry: 'create' })).resolves.toMatchObject({
      body: { id: 1 }
    })
  })

  it('times out a request that never answers, and says it may have reached the server', async () => {
    server.fault({ path: '/create', hang: true })
    const error = (await client(300)
      .request({ method: 'POST', path: 'create', body: {}, retry: 'create' })
      .catch((e) => e)) as HttpFailure
    expect(error.kind).toBe('timeout')
    expect(error.details.mayHaveReachedServer).toBe(true)
  })

  it('never sleeps past the deadline', async () => {
    server.fault({ path: '/thing', status: 503, headers: { 'Retry-After': '30' } })
    const started = Date.now()
    await expect(
      client().request({ method: 'GET', path: 'thing', retry: 'idempotent' }, Deadline.after(realClock, 1000))
    ).rejects.toMatchObject({
      status: 503
    })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('stops at once when cancelled', async () => {
    server.fault({ path: '/thing', hang: true })
    const controller = new AbortController()
    const c = new JsonClient({ baseUrl: base, userAgent: 'test/1', headers: {}, timeoutMs: 10_000, signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    await expect(c.request({ method: 'GET', path: 'thing', retry: 'idempotent' })).rejects.toMatchObject({ kind: 'aborted' })
  })
})
