import { readFileSync } from 'node:fs'
import type { AutifyClient } from '../autify/client.js'
import { log } from '../log.js'
import { postStepClient } from '../post-client.js'
import type { Runtime } from '../runtime.js'
import { CLEAN_UP } from '../time-budget.js'
import type { Clock } from '../util/clock.js'
import { readConnectState } from './state.js'
import { stopClient } from './stop-sequence.js'
import { errorMessage } from '../util/error-message.js'

/**
 * The post step (`runs.post`, always run): the safety net for a main step that was killed or
 * crashed. Stops a client that is still running and deletes the access point; does nothing (one
 * debug line) when the main step cleaned up after itself.
 */
export async function cleanUpAfterMain(runtime: Runtime): Promise<void> {
  const state = readConnectState(runtime.state)
  if (!state.pid && !state.accessPoint) {
    log.debug('Nothing to clean up: no Autify Connect Client was left running and no access point was left behind.')
    return
  }
  if (state.pid && state.debugPort) await stopLeftoverClient(state.pid, state.debugPort, runtime.wall)
  if (state.accessPoint && state.projectId) await deleteLeftoverAccessPoint(runtime, state.projectId, state.accessPoint)
}

async function stopLeftoverClient(pid: number, debugPort: number, clock: Clock): Promise<void> {
  if (!isOurClient(pid, debugPort)) {
    log.debug(`The Autify Connect Client (pid ${pid}) is no longer running.`)
    return
  }
  log.info(`Stopping the Autify Connect Client the main step left running (pid ${pid})…`)
  const stoppedBy = await stopClient(
    { debugPort, kill: (signal) => sendSignal(pid, signal), goneWithin: (ms) => goneWithin(pid, ms, clock) },
    CLEAN_UP.clientStopStepMs
  )
  if (stoppedBy) log.info(`Stopped the Autify Connect Client${stoppedBy === 'terminate' ? '' : ` with ${stoppedBy}`}.`)
  else log.warning(`The Autify Connect Client (pid ${pid}) did not stop.`)
}

async function deleteLeftoverAccessPoint(runtime: Runtime, projectId: number, name: string): Promise<void> {
  let client: AutifyClient
  try {
    client = postStepClient(runtime).client
  } catch (error) {
    log.warning(`Could not delete the access point ${name}: ${errorMessage(error)}`)
    return
  }
  try {
    await client.deleteAccessPoint(projectId, name, CLEAN_UP.accessPointDeleteMs)
    log.info(`Deleted the access point ${name} the main step left behind.`)
  } catch (error) {
    log.warning(`Could not delete the access point ${name}: ${errorMessage(error)} Delete it in Autify (Autify Connect → Access Points).`)
  } finally {
    client.dispose()
  }
}

/**
 * The process is alive and, where Linux shows its command line, still the client with our debug
 * port: a PID reused by another process is never signalled.
 */
function isOurClient(pid: number, debugPort: number): boolean {
  if (!isAlive(pid)) return false
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    const at = args.indexOf('--debug-server-port')
    return at >= 0 && args[at + 1] === String(debugPort)
  } catch {
    return process.platform !== 'linux'
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // Already gone.
  }
}

/** Polled, not raced: the exit of a process this step did not start cannot be awaited. */
async function goneWithin(pid: number, ms: number, clock: Clock): Promise<boolean> {
  const until = clock.now() + ms
  while (clock.now() < until) {
    if (!isAlive(pid)) return true
    await clock.sleep(50)
  }
  return !isAlive(pid)
}
