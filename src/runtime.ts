import type { LogSink } from './log.js'
import type { OutputName } from './report/outputs.js'
import type { SummaryWriter } from './report/job-summary-reporter.js'
import type { Clock } from './util/clock.js'

/** The runner's step state: what the main step saves for its post step (`core.saveState`, `core.getState`). */
export interface StepState {
  read(name: string): string
  /** A later save of a name replaces an earlier one. */
  save(name: string, value: string): void
}

/**
 * Everything the action reads from and writes to the world, built once by the entry point
 * (`actionsRuntime` in `src/actions-runtime.ts`) and passed down; tests build their own.
 */
export interface Runtime {
  /** The run's time: its deadline, polls and back-off (virtual in the in-process tests). */
  clock: Clock
  /**
   * Real time, for racing real work (requests, processes) against a time limit; the same as `clock`
   * on the runner, real in tests whose `clock` is virtual, since real work takes real time there.
   */
  wall: Clock
  log: LogSink
  state: StepState
  /** An input by name, as `with:` gives it (the post step is given the same `with:`). */
  input: (name: string) => string
  /** The runner's environment: the GITHUB_* context, GITHUB_API_URL, GITHUB_STEP_SUMMARY. */
  env: NodeJS.ProcessEnv
  /** Sets a step output (already redacted). */
  setOutput: (name: OutputName, value: string) => void
  writeSummary: SummaryWriter
}

/** Step state held in memory: for tests, and for code that runs outside a runner. */
export function memoryState(initial: Record<string, string> = {}): StepState & { values: Record<string, string> } {
  const values = { ...initial }
  return {
    values,
    read: (name) => values[name] ?? '',
    save: (name, value) => {
      values[name] = value
    }
  }
}
