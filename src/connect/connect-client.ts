import { randomUUID } from 'node:crypto'
import type { ApiAccessPoint } from '../autify/api-types.js'
import { AutifyClient } from '../autify/client.js'
import { log } from '../log.js'
import type { Runtime } from '../runtime.js'
import type { Settings } from '../settings/settings.js'
import { AFTER_CANCEL, CLEAN_UP } from '../time-budget.js'
import { ClientProcess, describeExit, quoteLines } from './client-process.js'
import { installClient } from './install.js'
import { clearAccessPoint, clearClientProcess, saveAccessPoint, saveClientProcess } from './state.js'
import { errorMessage } from '../util/error-message.js'

/** Access points the action makes are named so (the Autify CLI's are `autify-cli-<uuid>`). */
export const ACCESS_POINT_PREFIX = 'autify-web-test-action-'
const WATCH_INTERVAL_MS = 1000

export interface ConnectedRun {
  /** Runs the test with these settings (`autifyConnect` names the client's access point). */
  run: (settings: Settings) => Promise<void>
  /** Reports that the run did not start, and why. */
  notStarted: (message: string) => Promise<void>
}

/**
 * Runs the test through an Autify Connect Client when the settings ask for one: installs it,
 * creates an ephemeral access point, starts the client and waits until it is ready, runs, and on
 * every way out stops the client and deletes the access point.
 */
export async function withConnectClient(
  settings: Settings,
  io: Pick<Runtime, 'state' | 'wall' | 'env'> & { signal: AbortSignal },
  connected: ConnectedRun
): Promise<void> {
  if (!settings.connectClient) return connected.run(settings)
  const { signal } = io
  const session = new ConnectSession(settings, io)
  const stopOnCancel = () => void session.stop(true)
  signal.addEventListener('abort', stopOnCancel, { once: true })
  try {
    let name: string
    try {
      name = await session.start()
    } catch (error) {
      await session.stop(signal.aborted)
      await connected.notStarted(
        signal.aborted
          ? 'The job was cancelled while the Autify Connect Client was starting: nothing was started in Autify.'
          : startFailure(error, session.deleted)
      )
      return
    }
    await connected.run({ ...settings, autifyConnect: name })
    session.failIfLostDuringRun()
  } finally {
    signal.removeEventListener('abort', stopOnCancel)
    await session.stop(signal.aborted)
    session.dispose()
  }
}

function startFailure(error: unknown, deleted: boolean): string {
  const message = errorMessage(error)
  return `${message}\nNothing was started in Autify${deleted ? '; the access point made for the run was deleted' : ''}.`
}

class ConnectSession {
  private readonly client: AutifyClient
  private readonly projectId: number
  private accessPoint: string | null = null
  private process: ClientProcess | null = null
  private stopRequested = false
  private processStopping: Promise<void> | null = null
  private accessPointDeleting: Promise<void> | null = null
  private lostDuringRun: string | null = null
  private watcher: NodeJS.Timeout | null = null
  deleted = false

  private readonly signal: AbortSignal
  private readonly state: Runtime['state']
  private readonly wall: Runtime['wall']
  private readonly env: Runtime['env']

  constructor(
    private readonly settings: Settings,
    io: Pick<Runtime, 'state' | 'wall' | 'env'> & { signal: AbortSignal }
  ) {
    ;({ signal: this.signal, state: this.state, wall: this.wall, env: this.env } = io)
    this.projectId = settings.target.projectId
    this.client = new AutifyClient({
      apiUrl: settings.apiUrl,
      accessToken: settings.accessToken,
      clock: this.wall,
      wall: this.wall,
      signal: this.signal,
      onRetry: log.info
    })
  }

  /** Returns the name of the access point, once the client is ready. */
  async start(): Promise<string> {
    const options = this.settings.connectClient!
    // Its download, its start and its log, collapsed: what matters is said after the group.
    log.startGroup('Autify Connect Client')
    let accessPoint: ApiAccessPoint
    try {
      const installed = await installClient(options, this.env, log.info)
      log.info(`Autify Connect Client: ${installed.versionText}${installed.fromCache ? ' (from the tool cache)' : ''}`)

      const requested = `${ACCESS_POINT_PREFIX}${randomUUID()}`
      accessPoint = await this.client.createAccessPoint(this.projectId, requested)
      this.accessPoint = accessPoint.name
      saveAccessPoint(this.state, this.projectId, accessPoint.name)
      log.info(`Created the access point ${accessPoint.name} for this run.`)
      if (this.signal.aborted) throw this.signal.reason

      const started = await ClientProcess.start(installed.executable, accessPoint.key, options.extraArguments, this.env, {
        onLine: (level, text) => this.onClientLine(level, text),
        clock: this.wall
      })
      this.process = started
      if (started.pid) saveClientProcess(this.state, started.pid, started.debugPort)
      if (this.signal.aborted) throw this.signal.reason
      log.info(`Started the client (pid ${started.pid ?? '?'}); waiting up to ${options.startupTimeoutMs / 1000} s for it to be ready…`)
      await started.waitUntilReady(options.startupTimeoutMs, this.signal)
    } finally {
      log.endGroup()
    }
    log.info(`Autify Connect Client is ready: Autify reaches this runner through ${accessPoint.name}.`)
    this.watch()
    return accessPoint.name
  }

  /** Fails the step when the client stopped while the run went on: its results may be the tunnel's fault. */
  failIfLostDuringRun(): void {
    if (this.lostDuringRun) log.fail('The Autify Connect Client stopped during the run: see the error above.')
  }

  /**
   * Stops the client and deletes the access point, each once however often it is called: a call
   * made while the start was still creating them (a cancel) is followed by one more at the end.
   */
  async stop(cancelled: boolean): Promise<void> {
    this.stopRequested = true
    if (this.watcher) clearInterval(this.watcher)
    if (this.process) this.processStopping ??= this.stopProcess(this.process, (cancelled ? AFTER_CANCEL : CLEAN_UP).clientStopStepMs)
    // After a cancel there is no time to be polite: both at once. Otherwise the client goes first.
    if (!cancelled) await this.processStopping
    if (this.accessPoint) this.accessPointDeleting ??= this.deleteAccessPoint(this.accessPoint, cancelled)
    await Promise.all([this.processStopping, this.accessPointDeleting])
  }

  dispose(): void {
    this.client.dispose()
  }

  private async stopProcess(process: ClientProcess, graceMs: number): Promise<void> {
    const exit = await process.stop(graceMs)
    if (exit) {
      clearClientProcess(this.state)
      log.info(`Stopped the Autify Connect Client (${describeExit(exit)}).`)
    } else log.warning('The Autify Connect Client did not stop; the post step will try again.')
  }

  private async deleteAccessPoint(name: string, cancelled: boolean): Promise<void> {
    try {
      await this.client.deleteAccessPoint(this.projectId, name, (cancelled ? AFTER_CANCEL : CLEAN_UP).accessPointDeleteMs)
      clearAccessPoint(this.state)
      this.deleted = true
      log.info(`Deleted the access point ${name}.`)
    } catch (error) {
      log.warning(`Could not delete the access point ${name}: ${errorMessage(error)} The post step will try again.`)
    }
  }

  private onClientLine(level: string, text: string): void {
    if (!this.watcher) log.info(`[client] ${level}: ${text}`)
    else if (['warn', 'warning', 'error', 'fatal', 'panic'].includes(level)) log.info(`Autify Connect Client ${level}: ${text}`)
    else log.debug(`Autify Connect Client ${level}: ${text}`)
  }

  /** While the run goes on: reconnects are logged, and an exit is an error at once. */
  private watch(): void {
    const process = this.process!
    let last = 'ready'
    this.watcher = setInterval(() => {
      void process.status().then(({ status, message }) => {
        if (process.hasExited || status === last || status === 'unknown') return
        if (status === 'reconnecting')
          log.warning(`The Autify Connect Client lost its connection and is reconnecting${message ? `: ${message}` : ''}.`)
        else if (status === 'ready' && last === 'reconnecting') log.info('The Autify Connect Client reconnected.')
        last = status
      })
    }, WATCH_INTERVAL_MS)
    this.watcher.unref()
    void process.exited.then((exit) => {
      if (this.stopRequested) return
      this.lostDuringRun = `The Autify Connect Client stopped during the run (${describeExit(exit)}): Autify could no longer reach this runner, so results after that are failures of the connection, not of the app.${quoteLines(process.lastLines())}`
      log.error(this.lostDuringRun)
    })
  }
}
