import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { redact } from '../secrets.js'
import { type Clock, within } from '../util/clock.js'
import { clip } from '../util/format.js'
import { type ClientStatus, describeClientLine, parseClientStatus } from './client-status.js'
import { clientEnvironment } from './install.js'
import { stopClient } from './stop-sequence.js'

/** How the client process ended. */
export interface ClientExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface ClientProcessHooks {
  /** Each line the client writes (stdout and stderr), redacted, with its level. */
  onLine: (level: string, text: string) => void
  /** The clock the start-up time limit is measured on. */
  clock: Clock
}

const LAST_LINES = 15
const STATUS_REQUEST_TIMEOUT_MS = 1000
const STARTUP_POLL_MS = 200

/** A started Autify Connect Client: its debug server, its last log lines, and how it ends. */
export class ClientProcess {
  readonly exited: Promise<ClientExit>
  private readonly lines: string[] = []
  private exit: ClientExit | null = null
  /** Wakes `waitUntilReady` when the client logs a line (it may say it connected). */
  private wake: (() => void) | null = null

  private constructor(
    private readonly child: ChildProcess,
    readonly debugPort: number,
    private readonly hooks: ClientProcessHooks
  ) {
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { code, signal }
        resolve(this.exit)
      })
      child.on('error', (error) => {
        this.remember(`could not start: ${error.message}`)
        this.exit = { code: null, signal: null }
        resolve(this.exit)
      })
    })
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        const { level, text } = describeClientLine(line)
        if (!text) return
        const safe = redact(text)
        this.remember(`${level}: ${safe}`)
        hooks.onLine(level, safe)
        this.wake?.()
      })
    }
  }

  /** Spawns the client with the key in its environment only, and its debug server on a free port. */
  static async start(
    executable: string,
    key: string,
    extraArguments: readonly string[],
    runnerEnv: NodeJS.ProcessEnv,
    hooks: ClientProcessHooks
  ): Promise<ClientProcess> {
    const debugPort = await freePort()
    const args = ['--log-format', 'json', '--debug-server-port', String(debugPort), ...extraArguments]
    const child = spawn(executable, args, {
      env: clientEnvironment(runnerEnv, { AUTIFY_CONNECT_KEY: key }),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true
    })
    return new ClientProcess(child, debugPort, hooks)
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  get hasExited(): ClientExit | null {
    return this.exit
  }

  /** The client's last log lines, redacted, oldest first. */
  lastLines(): string[] {
    return [...this.lines]
  }

  /** `GET /status` of the debug server; `unknown` while it does not answer. */
  async status(): Promise<ClientStatus> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.debugPort}/status`, { signal: AbortSignal.timeout(STATUS_REQUEST_TIMEOUT_MS) })
      if (!response.ok) return { status: 'unknown', message: `HTTP ${response.status}` }
      return parseClientStatus(await response.json())
    } catch {
      return { status: 'unknown', message: '' }
    }
  }

  /**
   * Waits until the debug server says `ready` (or the client logs that it connected). Throws when
   * the client exits first, is not ready in `timeoutMs`, or `signal` aborts.
   */
  async waitUntilReady(timeoutMs: number, signal: AbortSignal): Promise<void> {
    const until = this.hooks.clock.now() + timeoutMs
    for (;;) {
      if (signal.aborted) throw signal.reason
      if (this.exit) throw new ClientFailure(`exited before it was ready (${describeExit(this.exit)})`, this.lastLines())
      if (this.lines.some((line) => line.includes('Successfully connected'))) return
      const { status } = await this.status()
      if (status === 'ready') return
      if (this.exit) continue
      if (this.hooks.clock.now() >= until) {
        throw new ClientFailure(`was not ready within ${Math.round(timeoutMs / 100) / 10} s (last status: ${status})`, this.lastLines())
      }
      const news = Promise.race([this.exited, new Promise<void>((resolve) => (this.wake = resolve))])
      await within(news, { ms: STARTUP_POLL_MS, clock: this.hooks.clock, signal }, () => undefined)
      this.wake = null
    }
  }

  /** Stops the client (see `stopClient`); resolves once it is gone (or given up on). */
  async stop(graceMs: number): Promise<ClientExit | null> {
    if (this.exit) return this.exit
    await stopClient(
      {
        debugPort: this.debugPort,
        kill: (signal) => this.signal(signal),
        goneWithin: (ms) =>
          within(
            this.exited.then(() => true),
            { ms, clock: this.hooks.clock },
            () => false
          )
      },
      graceMs
    )
    return this.exit
  }

  private signal(name: NodeJS.Signals): void {
    try {
      this.child.kill(name)
    } catch {
      // Already gone.
    }
  }

  private remember(line: string): void {
    this.lines.push(clip(line, 500))
    if (this.lines.length > LAST_LINES) this.lines.shift()
  }
}

/** The client failed to start; `lines` are its last log lines, redacted. */
export class ClientFailure extends Error {
  constructor(
    problem: string,
    readonly lines: string[]
  ) {
    super(`The Autify Connect Client ${problem}.${quoteLines(lines)}`)
    this.name = 'ClientFailure'
  }
}

export function quoteLines(lines: readonly string[]): string {
  return lines.length === 0 ? ' It logged nothing.' : ` Its last log lines:\n${lines.map((line) => `  ${line}`).join('\n')}`
}

export function describeExit(exit: ClientExit): string {
  return exit.signal ? `killed by ${exit.signal}` : exit.code === null ? 'could not be started' : `exit code ${exit.code}`
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
