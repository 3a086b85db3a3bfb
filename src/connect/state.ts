import type { StepState } from '../runtime.js'

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

export function saveAccessPoint(state: StepState, projectId: number, name: string): void {
  state.save(KEYS.projectId, String(projectId))
  state.save(KEYS.accessPoint, name)
}

export function saveClientProcess(state: StepState, pid: number, debugPort: number): void {
  state.save(KEYS.pid, String(pid))
  state.save(KEYS.debugPort, String(debugPort))
}

/** Nothing is left: the post step has nothing to do (a later value replaces an earlier one). */
export function clearClientProcess(state: StepState): void {
  state.save(KEYS.pid, '')
}

export function clearAccessPoint(state: StepState): void {
  state.save(KEYS.accessPoint, '')
}

export function readConnectState(state: StepState): ConnectState {
  const getState = (name: string) => state.read(name)
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
