import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getEventListeners } from 'node:events'
import { HttpFailure, JsonClient, MIN_REQUEST_TIMEOUT_MS } from '../src/http/json-client.js'
import { READ_RETRY, backoffDelay, parseRetryAfter } from '../src/http/retry-policy.js'
import { SimulatorServer } from '../simulator/http-server.js'
import { type Clock, Deadline, realClock } from '../src/util/clock.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { safeForLog } from '../src/log.js'
import { addSecret, secretForms } from '../src/secrets.js'
import { explainTestifyFailure } from '../src/testify/errors.js'
import { randomlyEscaped, seeded } from './helpers/escapes.js'
import { waitFor } from './helpers/connect.js'
import { ManualClock } from './helpers/manual-clock.js'
import { heldStdout } from './helpers/stdout.js'

let server: SimulatorServer
let base: string
beforeAll(async () => {
  server = new SimulatorServer(() => ({ status: 404, body: { errors: [{ message: 'Not Found' }] } }))
  server.route('GET', '/thing', () => ({ status: 200, body: { ok: true } }))
  server.route('POST', '/create', () => ({ status: 200, body: { id: 1 } }))
  base = `${await server.listen()}/`
})
afterAll(() => server.close())

/** Retries wait on `clock` (virtual: a back-off costs no real time); each request's limit is on `wall`. */
const client = (timeoutMs = 2000, time: { clock?: Clock; wall?: Clock; signal?: AbortSignal } = {}) =>
  new JsonClient({
    baseUrl: base,
    userAgent: 'test/1',
    headers: {},
    timeoutMs,
    clock: realClock,
    wall: realClock,
    random: () => 0,
    ...time
  })

/** Resolves once the server has received `count` more requests than it had at `from`. */
const received = (from: number, count = 1) => waitFor(() => server.requests.length - from >= count)

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
    const clock = new VirtualClock()
    const start = clock.now()
    await expect(client(2000, { clock }).request({ method: 'GET', path: 'thing', retry: 'idempotent' })).resolves.toEqual({
      status: 200,
      body: { ok: true }
    })
    expect(server.requests.length - started).toBe(3)
    // The back-off between them (no jitter): 250 ms, then 500 ms.
    expect(clock.now() - start).toBe(backoffDelay(READ_RETRY, 1, () => 0) + backoffDelay(READ_RETRY, 2, () => 0))
  })

  it('gives up a read after the policy’s attempts', async () => {
    server.fault({ path: '/thing', status: 500, times: 10 })
    const started = server.requests.length
    const error = await client(2000, { clock: new VirtualClock() })
      .request({ method: 'GET', path: 'thing', retry: 'idempotent' })
      .catch((e: HttpFailure) => e)
    expect(error).toBeInstanceOf(HttpFailure)
    expect((error as HttpFailure).details.attempts).toBe(READ_RETRY.maxAttempts)
    expect(server.requests.length - started).toBe(READ_RETRY.maxAttempts)
    server.clearFaults()
  })

  it('does not retry a create on 500, but does on 429', async () => {
    const clock = new VirtualClock()
    server.fault({ path: '/create', status: 500 })
    const before = server.requests.length
    await expect(client(2000, { clock }).request({ method: 'POST', path: 'create', body: {}, retry: 'create' })).rejects.toMatchObject({
      status: 500
    })
    expect(server.requests.length - before).toBe(1)
    server.fault({ path: '/create', status: 429 })
    await expect(client(2000, { clock }).request({ method: 'POST', path: 'create', body: {}, retry: 'create' })).resolves.toMatchObject({
      body: { id: 1 }
    })
    expect(server.requests.length - before).toBe(3)
  })

  it('times out a request that never answers, and says it may have reached the server', async () => {
    server.fault({ path: '/create', hang: true })
    const wall = new ManualClock()
    const from = server.requests.length
    const answer = client(300, { wall })
      .request({ method: 'POST', path: 'create', body: {}, retry: 'create' })
      .catch((e) => e)
    await received(from)
    await wall.advance(300)
    const error = (await answer) as HttpFailure
    expect(error.kind).toBe('timeout')
    expect(error.message).toBe('no answer within 0.3s')
    expect(error.details.mayHaveReachedServer).toBe(true)
  })

  it('never sleeps past the deadline', async () => {
    server.fault({ path: '/thing', status: 503, headers: { 'Retry-After': '30' } })
    const clock = new VirtualClock()
    const started = clock.now()
    await expect(
      client(2000, { clock }).request({ method: 'GET', path: 'thing', retry: 'idempotent' }, Deadline.after(clock, 29_999))
    ).rejects.toMatchObject({
      status: 503
    })
    expect(clock.now() - started).toBe(0)
  })

  it('stops at once when cancelled', async () => {
    server.fault({ path: '/thing', hang: true })
    const controller = new AbortController()
    const from = server.requests.length
    // The request's own limit never comes: only the cancel can end it.
    const answer = client(10_000, { wall: new ManualClock(), signal: controller.signal })
      .request({ method: 'GET', path: 'thing', retry: 'idempotent' })
      .catch((e) => e)
    await received(from)
    controller.abort()
    await expect(answer).resolves.toMatchObject({ kind: 'aborted' })
    expect(server.requests.length - from).toBe(1)
  })

  it('holds one listener on the cancel signal however many requests are in flight, none once they end', async () => {
    const controller = new AbortController()
    const { signal } = controller
    const c = new JsonClient({
      baseUrl: base,
      userAgent: 'test/1',
      headers: {},
      timeoutMs: 10_000,
      clock: realClock,
      wall: realClock,
      signal
    })
    const sent = (n: number) => Array.from({ length: n }, () => c.request({ method: 'GET', path: 'thing', retry: 'idempotent' }))
    const listeners = () => getEventListeners(signal, 'abort').length
    const answered = sent(12)
    expect(listeners()).toBe(1)
    await Promise.all(answered)
    expect(listeners()).toBe(0)

    server.fault({ path: '/thing', hang: true, times: 12 })
    const hanging = sent(12).map((request) => request.catch((error: unknown) => error))
    await new Promise((resolve) => setImmediate(resolve))
    expect(listeners()).toBe(1)
    controller.abort()
    for (const error of await Promise.all(hanging)) expect(error).toMatchObject({ kind: 'aborted' })
    expect(listeners()).toBe(0)
    server.clearFaults()
  })

  it('follows no redirect: a 307 to another port is an error naming the target without credentials or query', async () => {
    const other = new SimulatorServer(() => ({ status: 200, body: { result_id: 666 } }))
    const otherOrigin = await other.listen()
    try {
      const target = `${otherOrigin.replace('http://', 'http://user:pass@')}/steal?token=abc#x`
      server.fault({ path: '/create', status: 307, headers: { Location: target } })
      const c = new JsonClient({
        baseUrl: base,
        userAgent: 'test/1',
        headers: { Authorization: 'Bearer tok' },
        timeoutMs: 2000,
        clock: realClock,
        wall: realClock
      })
      const error = (await c.request({ method: 'POST', path: 'create', body: { a: 1 }, retry: 'create' }).catch((e) => e)) as HttpFailure
      expect(error.kind).toBe('redirect')
      expect(error.message).toBe(`redirected (HTTP 307) to ${otherOrigin}/steal, which is not followed`)
      expect(other.requests).toHaveLength(0)
    } finally {
      await other.close()
    }
  })

  it('does not retry a redirected read', async () => {
    server.fault({ path: '/thing', status: 302, headers: { Location: '/elsewhere' }, times: 5 })
    const before = server.requests.length
    await expect(client().request({ method: 'GET', path: 'thing', retry: 'idempotent' })).rejects.toMatchObject({ kind: 'redirect' })
    expect(server.requests.length - before).toBe(1)
    server.clearFaults()
  })

  it('refuses an answer over its size cap, streamed or declared, and drops the connection', async () => {
    server.fault({ path: '/thing', floodBytes: 50 * 1024 * 1024 })
    const started = Date.now()
    const error = (await client(10_000)
      .request({ method: 'GET', path: 'thing', retry: 'idempotent', maxBodyBytes: 1024 * 1024 })
      .catch((e) => e)) as HttpFailure
    expect(error.kind).toBe('too-large')
    expect(error.message).toBe('an answer larger than 1 MiB')
    expect(Date.now() - started).toBeLessThan(2000)

    server.fault({ path: '/thing', status: 200, body: 'y'.repeat(5000) })
    await expect(client().request({ method: 'GET', path: 'thing', retry: 'idempotent', maxBodyBytes: 1000 })).rejects.toMatchObject({
      kind: 'too-large'
    })
  })

  it('reads a 3 MB answer within its cap', async () => {
    const big = { items: Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `scenario ${i}` })) }
    server.route('GET', '/big', () => ({ status: 200, body: big }))
    const started = Date.now()
    const answer = await client(10_000).request<typeof big>({
      method: 'GET',
      path: 'big',
      retry: 'idempotent',
      maxBodyBytes: 32 * 1024 * 1024
    })
    expect(answer.body.items).toHaveLength(100_000)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('cuts each request to the time left before the deadline, with a floor', async () => {
    server.fault({ path: '/thing', hang: true, times: 2 })
    // One time for both, as on the runner: once the request's limit has passed, so has the deadline (no retry).
    const wall = new ManualClock()
    const c = client(30_000, { clock: wall, wall })
    const hung = async (deadlineMs: number) => {
      const from = server.requests.length
      let settled = false
      const answer = c
        .request({ method: 'GET', path: 'thing', retry: 'idempotent' }, Deadline.after(wall, deadlineMs))
        .catch((e) => e)
        .finally(() => (settled = true))
      await received(from)
      return { answer: answer as Promise<HttpFailure>, settled: () => settled }
    }
    // 5 s left: the request gets 5 s, not its own 30 s.
    const cut = await hung(5000)
    await wall.advance(4999)
    expect(cut.settled()).toBe(false)
    await wall.advance(1)
    expect(await cut.answer).toMatchObject({ kind: 'timeout', message: 'no answer within 5s' })
    // 100 ms left: the request still gets the floor.
    const floored = await hung(100)
    await wall.advance(MIN_REQUEST_TIMEOUT_MS - 1)
    expect(floored.settled()).toBe(false)
    await wall.advance(1)
    expect(await floored.answer).toMatchObject({ kind: 'timeout', message: `no answer within ${MIN_REQUEST_TIMEOUT_MS / 1000}s` })
    server.clearFaults()
  })
})

describe('what a failed answer shows', () => {
  const failureOf = async (status: number, body: unknown, headers?: Record<string, string>) => {
    server.fault({ method: 'POST', path: '/create', status, body, headers })
    return (await client()
      .request({ method: 'POST', path: 'create', body: {}, retry: 'once' })
      .catch((e) => e)) as HttpFailure
  }

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>', undefined, 'html'],
    ['an HTML page served as text', '  <html><head><title>Oops</title></head></html>', { 'Content-Type': 'text/plain' }, 'html'],
    ['an XML document', '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>', { 'Content-Type': 'application/xml' }, 'xml'],
    ['plain text', 'upstream connect error', { 'Content-Type': 'text/plain' }, 'text'],
    ['an empty body', '', undefined, 'empty'],
    ['JSON', { detail: 'No such template' }, undefined, 'json']
  ])('says what kind of body it was: %s', async (_, body, headers, kind) => {
    const failure = await failureOf(502, body, headers)
    expect(failure.details.bodyKind).toBe(kind)
    expect(failure.details.body).toEqual(kind === 'json' ? body : undefined)
  })

  it('gives a JSON body’s strings decoded, and its excerpt from them, never from the raw text', async () => {
    const raw = '{"detail":"a\\u002Fb %2fc\\u0026amp; \\\\u0041","k\\u0065y":["x&#x2B;y"]}'
    const failure = await failureOf(400, raw, { 'Content-Type': 'application/json' })
    expect(failure.details.body).toEqual({ detail: 'a/b /c& A', key: ['x+y'] })
    expect(failure.details.excerpt).toBe('{"detail":"a/b /c& A","key":["x+y"]}')
  })
})

describe('a key part echoed in a failed answer, in random mixes of escapes', () => {
  const KEY = 'tfy/S3cr+t=k&y/9é'
  beforeAll(async () => {
    await heldStdout(() => addSecret(KEY))
  })
  const subject = { action: 'read test object', resource: 'test object', inputs: "'testify-test-object'" }

  it('is nowhere in the failure, its excerpt, the message the user reads or the log line (seeded)', async () => {
    const random = seeded(24)
    for (let round = 0; round < 40; round++) {
      const echoed = `Header 'Secret' value '${randomlyEscaped(KEY, random)}' is not valid.`
      // Served as JSON (the echo inside a string, or as the JSON text itself) and as an HTML page.
      const bodies: [unknown, Record<string, string> | undefined][] = [
        [{ title: 'Bad Request', detail: echoed, errors: { [echoed]: [echoed] } }, undefined],
        [`{"detail":"${echoed.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"}`, { 'Content-Type': 'application/json' }],
        [`<html><body><p>${echoed}</p></body></html>`, undefined]
      ]
      for (const [body, headers] of bodies) {
        server.fault({ method: 'GET', path: '/thing', status: 400, body, headers })
        const failure = (await client()
          .request({ method: 'GET', path: 'thing', retry: 'once' })
          .catch((e) => e)) as HttpFailure
        const message = explainTestifyFailure(failure, subject, ['Secret']).message
        const shown = [JSON.stringify(failure.details), failure.message, message, safeForLog(message)].join('\n')
        expect({ round, echoed, leaked: secretForms(KEY).filter((form) => shown.includes(form)) }).toEqual({ round, echoed, leaked: [] })
      }
    }
  })
})
