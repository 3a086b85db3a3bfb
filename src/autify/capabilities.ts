import type { CapabilityChoice, CapabilityQuery } from '../settings/settings.js'
import type { ApiCapability } from './api-types.js'
import { AutifyError } from './errors.js'
import type { AutifyClient } from './client.js'

export const DEFAULT_CAPABILITY = { os: 'Linux', browser: 'Chrome' }

/** The capabilities to send with `execute_scenarios`. Only the shorthand inputs need a request. */
export async function resolveCapabilities(
  choice: CapabilityChoice,
  client: AutifyClient,
  projectId: number
): Promise<Record<string, unknown>[]> {
  switch (choice.kind) {
    case 'default':
      return [DEFAULT_CAPABILITY]
    case 'explicit':
      return choice.capabilities
    case 'lookup':
      return [pickCapability(await client.listCapabilities(projectId), choice.query)]
  }
}

/**
 * Exactly one available capability matching the shorthand inputs, as the Autify CLI matches them:
 * each given field must equal the capability's; `browser` is ignored when `device-type` is given.
 */
export function pickCapability(available: readonly ApiCapability[], query: CapabilityQuery): ApiCapability {
  const same = (actual: unknown, wanted: string | undefined) => !wanted || String(actual ?? '').toLowerCase() === wanted.toLowerCase()
  const candidates = available.filter(
    (c) =>
      same(c.os, query.os) &&
      same(c.os_version, query.osVersion) &&
      (query.deviceType ? true : same(c.browser, query.browser)) &&
      same(c.device, query.device) &&
      same(c.device_type, query.deviceType)
  )
  const wanted = describeQuery(query)
  if (candidates.length === 1) return candidates[0]
  if (candidates.length === 0) {
    const supported = available.filter((c) => c.unsupported !== true)
    throw new AutifyError(
      `No capability of this project matches ${wanted} (inputs 'os', 'os-version', 'browser', 'device', 'device-type'). Available: ${listCapabilities(supported)}.`
    )
  }
  throw new AutifyError(
    `${candidates.length} capabilities match ${wanted}; add 'os-version', 'device' or 'device-type' to pick one, or use 'capabilities'. Candidates: ${listCapabilities(candidates)}.`
  )
}

function describeQuery(query: CapabilityQuery): string {
  const parts = [
    query.os && `os=${query.os}`,
    query.osVersion && `os-version=${query.osVersion}`,
    query.browser && `browser=${query.browser}`,
    query.device && `device=${query.device}`,
    query.deviceType && `device-type=${query.deviceType}`
  ].filter(Boolean)
  return parts.join(', ')
}

function listCapabilities(capabilities: readonly ApiCapability[]): string {
  const shown = capabilities
    .slice(0, 30)
    .map((c) => [c.os, c.os_version, c.browser, c.browser_version, c.device, c.device_type].filter(Boolean).join(' '))
  const more = capabilities.length > shown.length ? `; and ${capabilities.length - shown.length} more` : ''
  return shown.length > 0 ? shown.map((s) => `[${s}]`).join(', ') + more : 'none'
}
