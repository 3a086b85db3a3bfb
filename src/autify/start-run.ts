import { withCancelGrace } from '../cancellation.js'
import { AFTER_CANCEL } from '../time-budget.js'
import type { Clock } from '../util/clock.js'
import type { AutifyRunSettings, KnownRunSettings } from '../settings/settings.js'
import type { ExecuteScenariosBody } from './api-types.js'
import { resolveCapabilities } from './capabilities.js'
import type { AutifyClient } from './client.js'
import { TemporaryUrlReplacements } from './url-replacements.js'

export interface StartHooks {
  warn: (message: string) => void
  /** The job's cancellation: clean-up after it is kept short. */
  signal?: AbortSignal
  /** Real time, which a start's grace after a cancel is measured on (the runtime's `wall`). */
  wall: Clock
}

/** Starts the run the settings describe and returns its result ID. */
export async function startRun(settings: KnownRunSettings, client: AutifyClient, hooks: StartHooks): Promise<number> {
  const { target } = settings
  if (target.kind === 'scenarios') {
    const capabilities = await resolveCapabilities(settings.capabilities, client, target.projectId)
    return startWithGrace(
      client.executeScenarios(target.projectId, scenariosBody(settings, target.scenarioIds, capabilities, settings.executionName)),
      hooks
    )
  }

  // Every way out of here (started, failed, cancelled) deletes the plan's temporary replacements.
  const replacements = new TemporaryUrlReplacements(client, target.testPlanId, hooks.signal)
  try {
    await replacements.add(settings.urlReplacements)
    return await startWithGrace(
      client.executeSchedule(target.projectId, target.testPlanId, {
        ...(settings.autifyConnect && { autify_connect: { name: settings.autifyConnect } })
      }),
      hooks
    )
  } finally {
    // Autify applies a test plan's URL replacements when the run starts: remove them at once.
    for (const warning of await replacements.release()) hooks.warn(warning)
  }
}

/**
 * After a cancel, a start already sent gets a moment to answer: a test plan's URL replacements
 * must outlive its start, and a known result ID can be reported.
 */
export function startWithGrace(start: Promise<number>, { signal, wall }: Pick<StartHooks, 'signal' | 'wall'>): Promise<number> {
  return withCancelGrace(start, signal, AFTER_CANCEL.startGraceMs, wall)
}

/** The body of an `execute_scenarios` call: the first run, or a retry of what did not pass. */
export function scenariosBody(
  settings: Pick<AutifyRunSettings, 'executionType' | 'urlReplacements' | 'autifyConnect'>,
  scenarioIds: readonly number[],
  capabilities: readonly Record<string, unknown>[],
  name: string | null
): ExecuteScenariosBody {
  return {
    ...(name && { name }),
    ...(settings.executionType && { execution_type: settings.executionType }),
    capabilities: [...capabilities],
    scenarios: scenarioIds.map((id) => ({ id })),
    url_replacements: settings.urlReplacements.map((r) => ({ pattern_url: r.patternUrl, replacement_url: r.replacementUrl })),
    ...(settings.autifyConnect && { autify_connect: { name: settings.autifyConnect } })
  }
}
