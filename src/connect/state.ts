import * as core from '@actions/core'

/**
 * What the post step needs to clean up after a main step that could not (killed, crashed, out of
 * time), saved the moment each thing exists (as actions/checkout saves what its post step removes).
 */
const KEYS = {
  projectId: 'connect-project-id',
  accessPoint: 'connect-access-point',
  pid: 'connect-client-pid',
  debugPort: 'connect-client-debug-port'
} as const

export interface ConnectState {
  projectId: number | null
  accessPoint: string | null
  pid: number | null
  debugPort: number | null
}

export function saveAccessPoint(projectId: number, name: string): void {
  core.saveState(KEYS.projectId, String(projectId))
  core.saveState(KEYS.accessPoint, name)
}

export function saveClientProcess(pid: number, debugPort: number): void {
  core.saveState(KEYS.pid, String(pid))
  core.saveState(KEYS.debugPort, String(debugPort))
}

/** Nothing is left: the post step has nothing to do (a later value replaces an earlier one). */
export function clearClientProcess(): void {
  core.saveState(KEYS.pid, '')
}

export function clearAccessPoint(): void {
  core.saveState(KEYS.accessPoint, '')
}

export function readConnectState(getState: (name: string) => string = core.getState): ConnectState {
  const id = (key: string) => {
    const value = getState(key)
    return /^\d{1,10}$/.test(value) && Number(value) > 0 ? Number(value) : null
  }
  return {
    projectId: id(KEYS.projectId),
    accessPoint: getState(KEYS.accessPoint) || null,
    pid: id(KEYS.pid),
    debugPort: id(KEYS.debugPort)
  }
}
