import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A request as a simulator saw it, for tests to assert on. */
export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: unknown
  rawBody: string
  at: number
  /** A request left unanswered (`hang`) that the client gave up: it closed the connection. */
  abandoned?: boolean
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** Something to go wrong with matching requests, for fault-injection tests. */
export interface Fault {
  method?: string
  /** A path (exact, without query) or a pattern it must match. */
  path: string | RegExp
  /** How many matching requests it applies to; default 1. */
  times?: number
  /** Answer with this status (and body, headers). */
  status?: number
  /** JSON, or a string sent as is (e.g. an HTML error page). */
  body?: unknown
  headers?: Record<string, string>
  /** Wait before answering (or before failing). */
  delayMs?: number
  /** Drop the connection without an answer. */
  reset?: boolean
  /** Never answer. */
  hang?: boolean
  /** Let the real handler act first (e.g. start a run), then fail: a failure after the server acted. */
  afterHandling?: boolean
  /** Answer with the real handler's reply, its body changed by this (a server that lies). */
  transform?: (body: unknown) => unknown
  /** Answer 200 with this many bytes of JSON-looking text, streamed (a server that floods). */
  floodBytes?: number
}

export type Handler = (request: RecordedRequest, params: Record<string, string>) => Reply | Promise<Reply>

interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: Handler
}

/** A small loopback HTTP server: routes, a request log, and scripted faults. */
export class SimulatorServer {
  readonly requests: RecordedRequest[] = []
  private readonly routes: Route[] = []
  private readonly faults: (Fault & { remaining: number })[] = []
  private readonly sockets = new Set<Socket>()
  private readonly delays = new Set<NodeJS.Timeout>()
  private server: Server | null = null
  private port = 0

  constructor(
    private readonly notFound: (request: RecordedRequest) => Reply,
    /** The clock requests are stamped with (`at`): virtual in tests that run in virtual time. */
    private readonly now: () => number = Date.now
  ) {}

  route(method: string, path: string, handler: Handler): void {
    const keys: string[] = []
    const pattern = new RegExp(
      '^' +
        path.replace(/:([a-zA-Z_]+)(\*?)/g, (_, key: string, rest: string) => {
          keys.push(key)
          return rest ? '(.+)' : '([^/]+)'
        }) +
        '/?$',
      'i'
    )
    this.routes.push({ method, pattern, keys, handler })
  }

  fault(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 })
  }

  clearFaults(): void {
    this.faults.length = 0
  }

  /** Listens on loopback only; port 0 picks a free one. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res))
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve))
    this.port = (this.server.address() as AddressInfo).port
    return this.origin
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async close(): Promise<void> {
    // A delayed answer still waiting is dropped with its socket: its timer must not keep the process up.
    for (const timer of this.delays) clearTimeout(timer)
    this.delays.clear()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** Resolves after `ms`; never, once the server is closed. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer)
        resolve()
      }, ms)
      this.delays.add(timer)
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://simulator')
    let body: unknown
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined
    } catch {
      body = undefined
    }
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody,
      at: this.now()
    }
    this.requests.push(request)

    const fault = this.takeFault(request)
    if (fault?.delayMs) await this.delay(fault.delayMs)
    if (fault?.hang) {
      res.on('close', () => (request.abandoned = true))
      return
    }
    if (fault?.floodBytes) return flood(res, fault.floodBytes)
    if (fault && !fault.afterHandling && !fault.transform) return this.answerFault(fault, req, res)
    const reply = await this.dispatch(request)
    if (fault?.transform) return send(res, { ...reply, body: fault.transform(reply.body) })
    if (fault) return this.answerFault(fault, req, res)
    send(res, reply)
  }

  private async dispatch(request: RecordedRequest): Promise<Reply> {
    for (const route of this.routes) {
      if (route.method !== request.method) continue
      const match = route.pattern.exec(request.path)
      if (!match) continue
      const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]))
      try {
        return await route.handler(request, params)
      } catch (error) {
        return { status: 500, body: { errors: [{ message: `Simulator error: ${(error as Error).message}` }] } }
      }
    }
    return this.notFound(request)
  }

  private takeFault(request: RecordedRequest): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method === request.method) &&
        (typeof f.path === 'string' ? f.path === request.path : f.path.test(request.path))
    )
    if (fault) fault.remaining--
    return fault
  }

  private answerFault(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
    if (fault.reset) {
      req.socket.destroy()
      return
    }
    send(res, { status: fault.status ?? 500, body: fault.body, headers: fault.headers })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => resolve(''))
  })
}

/** `{"filler":"xxxx…` for `bytes` bytes, written as the socket takes it; stops when the client hangs up. */
function flood(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
  const chunk = Buffer.alloc(64 * 1024, 'x')
  let left = bytes
  res.write('{"filler":"')
  left -= 11
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
      left -= piece.length
      if (!res.write(piece)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end()
  }
  res.on('close', () => (left = 0))
  pump()
}

function send(res: ServerResponse, reply: Reply): void {
  if (Buffer.isBuffer(reply.body)) {
    res.writeHead(reply.status, { 'Content-Type': 'application/octet-stream', 'Content-Length': reply.body.length, ...reply.headers })
    return void res.end(reply.body)
  }
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
  const type = typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8'
  res.writeHead(reply.status, { 'Content-Type': type, ...reply.headers })
  res.end(text)
}
