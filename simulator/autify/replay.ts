import { type RecordedRequest, type Reply, SimulatorServer } from '../http-server.js'

/** One request/response pair recorded against the live Autify API. */
export interface RecordedExchange {
  method: string
  path: string
  status: number
  request_body: unknown
  response_body: unknown
}

/**
 * Plays a recording back: each request gets the next recorded answer for its method and path;
 * once the recorded polls of a result run out, the last answer repeats. Anything not recorded is
 * a 404, as Autify answers an unknown path.
 */
export class ReplaySimulator {
  private readonly server = new SimulatorServer(() => ({ status: 404, body: { errors: [{ message: 'Not Found' }] } }))
  private readonly served = new Map<string, number>()

  constructor(private readonly exchanges: RecordedExchange[]) {
    for (const method of ['GET', 'POST', 'DELETE', 'PUT', 'PATCH']) {
      this.server.route(method, '/api/v1/:rest*', (request) => this.answer(request))
    }
  }

  async start(): Promise<this> {
    await this.server.listen()
    return this
  }

  close(): Promise<void> {
    return this.server.close()
  }

  get apiUrl(): string {
    return `${this.server.origin}/api/v1/`
  }

  get requests(): RecordedRequest[] {
    return this.server.requests
  }

  private answer(request: RecordedRequest): Reply {
    const key = `${request.method} ${request.path}`
    const matching = this.exchanges.filter((e) => `${e.method} ${e.path}` === key)
    if (matching.length === 0) return { status: 404, body: { errors: [{ message: 'Not Found' }] } }
    const index = Math.min(this.served.get(key) ?? 0, matching.length - 1)
    this.served.set(key, index + 1)
    return { status: matching[index].status, body: matching[index].response_body }
  }
}
