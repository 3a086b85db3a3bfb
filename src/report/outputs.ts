import { setOutput } from '../log.js'
import { type RunReport, byImportance } from '../model.js'
import { byteLength } from '../util/format.js'
import { renderSummaryOutput } from './summary-output.js'
import { newFailures, verdictOf } from './verdict.js'

/** Every output the action sets: `action.yml` declares exactly these (a test checks it). */
export const OUTPUT_NAMES = [
  'result-id',
  'result-url',
  'status',
  'exit-code',
  'total',
  'passed',
  'failed',
  'skipped',
  'flaky',
  'test-case-results',
  'exported-variables',
  'junit-report',
  'check-run-url',
  'log',
  'testify-checklist-id',
  'testify-test-object-id',
  'new-failures',
  'credits-consumed',
  'duration-seconds',
  'summary'
] as const

export type OutputName = (typeof OUTPUT_NAMES)[number]
export type OutputValues = Partial<Record<OutputName, string>>

/**
 * The step's outputs, each set through here: written to the runner at once (so `result-id` exists
 * even if the step is killed later) and only when its value changes.
 */
export class StepOutputs {
  private readonly values = new Map<OutputName, string>()

  constructor(private readonly write: (name: OutputName, value: string) => void = setOutput) {}

  set(name: OutputName, value: string | number): void {
    const text = String(value)
    if (this.values.get(name) === text) return
    this.values.set(name, text)
    this.write(name, text)
  }

  setAll(values: OutputValues): void {
    for (const name of OUTPUT_NAMES) {
      const value = values[name]
      if (value !== undefined) this.set(name, value)
    }
  }

  get(name: OutputName): string | undefined {
    return this.values.get(name)
  }
}

/** `test-case-results` stays below this size; beyond it the least important entries are dropped. */
export const TEST_CASE_RESULTS_MAX_BYTES = 512 * 1024

export interface TestCaseResultOutput {
  scenario_id: number
  scenario_name: string
  capability: string
  status: string
  duration_ms: number | null
  url: string | null
  flaky: boolean
  attempts: number
  /** "Review needed" flags Autify set on the last attempt (0: none). */
  review_needed: number
  /**
   * How the same test did in recent runs; null when not read or nothing to say. `baseline`: the base
   * branch's runs it was compared with (null: the plan's latest runs in Autify).
   */
  history: {
    kind: string
    runs: number
    failures: number
    streak: number
    since_result_id: number | null
    baseline: { ref: string | null; sha: string; result_ids: number[] } | null
  } | null
}

/** The last entry of a `test-case-results` cut to fit: how many entries were left out. */
export interface OmittedEntry {
  omitted: number
}

/** The outputs that describe the run once it has ended (`result-id` and `result-url` are set at the start). */
export function runOutputs(report: RunReport): OutputValues {
  const { counts } = report
  return {
    status: report.status,
    'exit-code': verdictOf(report) === null ? '0' : '1',
    total: String(counts.total),
    passed: String(counts.passed),
    failed: String(counts.failed),
    skipped: String(counts.skipped),
    flaky: String(counts.flaky),
    'test-case-results': testCaseResultsJson(report),
    'exported-variables': exportedVariablesJson(report),
    'new-failures': String(newFailures(report).length),
    'credits-consumed': String(report.credits?.total ?? 0),
    ...(report.durationMs !== null && { 'duration-seconds': String(Math.round(report.durationMs / 1000)) }),
    summary: renderSummaryOutput(report)
  }
}

/**
 * Compact JSON, failures first. Over `maxBytes`, the least important entries are dropped and a
 * final `{"omitted": N}` entry says how many.
 */
export function testCaseResultsJson(report: RunReport, maxBytes = TEST_CASE_RESULTS_MAX_BYTES): string {
  const entries: TestCaseResultOutput[] = [...report.testCases].sort(byImportance).map((c) => ({
    scenario_id: c.scenarioId,
    scenario_name: c.scenarioName,
    capability: c.capability.label,
    status: c.status,
    duration_ms: c.durationMs,
    url: c.url,
    flaky: c.flaky,
    attempts: c.attempts.length,
    review_needed: c.reviewNeeded,
    history: c.history
      ? {
          kind: c.history.kind,
          runs: c.history.runs,
          failures: c.history.failures,
          streak: c.history.streak,
          since_result_id: c.history.since?.resultId ?? null,
          baseline: c.history.baseline
            ? { ref: c.history.baseline.ref, sha: c.history.baseline.sha, result_ids: c.history.baseline.resultIds }
            : null
        }
      : null
  }))
  return jsonWithin(entries, maxBytes)
}

/** `exported-variables` stays below this size; beyond it the last entries are dropped. */
export const EXPORTED_VARIABLES_MAX_BYTES = 256 * 1024

export interface ExportedVariableOutput {
  scenario_id: number
  capability: string
  key: string
  value: string | null
}

/**
 * Compact JSON of every variable the test cases exported (each one's last attempt), in Autify's
 * order; `[]` when none. Over `maxBytes`, the last entries are dropped and a final
 * `{"omitted": N}` entry says how many.
 */
export function exportedVariablesJson(report: RunReport, maxBytes = EXPORTED_VARIABLES_MAX_BYTES): string {
  const entries: ExportedVariableOutput[] = report.testCases.flatMap((c) =>
    (c.exports ?? []).map(({ key, value }) => ({ scenario_id: c.scenarioId, capability: c.capability.label, key, value }))
  )
  return jsonWithin(entries, maxBytes)
}

/**
 * A JSON array of `entries` (most important first) within `maxBytes`: all of them, or as many as
 * fit followed by `{"omitted": N}`.
 */
export function jsonWithin(entries: readonly unknown[], maxBytes: number): string {
  const json = JSON.stringify(entries)
  if (byteLength(json) <= maxBytes) return json
  const cut = (kept: number) => JSON.stringify([...entries.slice(0, kept), { omitted: entries.length - kept } satisfies OmittedEntry])
  let low = 0
  let high = entries.length - 1
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (byteLength(cut(mid)) <= maxBytes) low = mid
    else high = mid - 1
  }
  return cut(low)
}
