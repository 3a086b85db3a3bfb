import * as core from '@actions/core'
import { runnerLogSink, setOutput } from './log.js'
import { redact } from './secrets.js'
import type { Runtime } from './runtime.js'
import { realClock } from './util/clock.js'

/**
 * The runner's world, and the only place the action reaches for it: `@actions/core` (inputs, step
 * state, the job summary), `process.env` and the real clock. Built once by `src/index.ts`.
 */
export function actionsRuntime(): Runtime {
  return {
    clock: realClock,
    wall: realClock,
    log: runnerLogSink,
    state: { read: (name) => core.getState(name), save: (name, value) => core.saveState(name, value) },
    input: (name) => core.getInput(name),
    env: process.env,
    setOutput,
    writeSummary: async (markdown) => {
      // Nothing to write to outside a runner.
      if (!process.env.GITHUB_STEP_SUMMARY) return
      await core.summary.addRaw(redact(markdown), true).write()
    }
  }
}
