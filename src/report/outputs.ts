import { setOutput } from '../log.js'
import { type RunReport, byImportance } from '../model.js'
import { clipOutputBytes, outputBytes } from '../util/format.js'
import type { NotStartedKind } from './not-started.js'
import { renderNotStartedSummaryOutput, renderSummaryOutput } from './summary-output.js'
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

/** A long output's value, made to fit the bytes the budget gives it. */
export type FittedOutput = (maxBytes: number) => string
export type OutputValue = string | FittedOutput
export type OutputValues = Partial<Record<OutputName, OutputValue>>

/**
 * A job's outputs together may hold 1,000,000 bytes as GitHub counts them (UTF-16); the action's
 * take less, leaving room for the workflow's own. Sizes here are `outputBytes`.
 */
export const OUTPUT_BUDGET_BYTES = 900_000
/** Each short output (an ID, a count, a link, a path) is cut past this. */
export const SHORT_OUTPUT_MAX_BYTES = 2000

/**
 * The long outputs, most important first. Each gets what the budget leaves after the short outputs
 * (each counted at its cap), the long outputs already set, and the caps of those above it not set
 * yet; and at most its own cap. A new long output is one entry here, at its rank.
 */
export const LONG_OUTPUTS: readonly { name: OutputName; maxBytes: number }[] = [
  // 4,000 characters (SUMMARY_OUTPUT_MAX_CHARS) at 3 UTF-8 bytes each at most.
  { name: 'summary', maxBytes: 12_000 },
  { name: 'test-case-results', maxBytes: 500_000 },
  { name: 'exported-variables', maxBytes: 100_000 },
  { name: 'log', maxBytes: OUTPUT_BUDGET_BYTES }
]

const SHORT_OUTPUTS_BYTES = (OUTPUT_NAMES.length - LONG_OUTPUTS.length) * SHORT_OUTPUT_MAX_BYTES

/** `value` as set: a long output fitted to `maxBytes`, anything else cut to it. */
export function outputText(value: OutputValue | number, maxBytes = Infinity): string {
  return typeof value === 'function' ? value(maxBytes) : clipOutputBytes(String(value), maxBytes)
}

/**
 * The step's outputs, each set through here: written to the runner at once (so `result-id` exists
 * even if the step is killed later) and only when its value changes; all of them within
 * OUTPUT_BUDGET_BYTES together.
 */
export class StepOutputs {
  private readonly values = new Map<OutputName, string>()

  constructor(private readonly write: (name: OutputName, value: string) => void = setOutput) {}

  set(name: OutputName, value: OutputValue | number): void {
    const text = outputText(value, this.room(name))
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

  /** The most `name` may take. */
  private room(name: OutputName): number {
    const rank = LONG_OUTPUTS.findIndex((output) => output.name === name)
    if (rank < 0) return SHORT_OUTPUT_MAX_BYTES
    let taken = SHORT_OUTPUTS_BYTES
    for (const [other, output] of LONG_OUTPUTS.entries()) {
      if (other === rank) continue
      const value = this.values.get(output.name)
      if (value !== undefined) taken += outputBytes(value)
      else if (other < rank) taken += output.maxBytes
    }
    return Math.max(0, Math.min(LONG_OUTPUTS[rank].maxBytes, OUTPUT_BUDGET_BYTES - taken))
  }
}

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
    'test-case-results': (maxBytes) => testCaseResultsJson(report, maxBytes),
    'exported-variables': (maxBytes) => exportedVariablesJson(report, maxBytes),
    'new-failures': String(newFailures(report).length),
    'credits-consumed': String(report.credits?.total ?? 0),
    ...(report.durationMs !== null && { 'duration-seconds': String(Math.round(report.durationMs / 1000)) }),
    summary: renderSummaryOutput(report)
  }
}

/** The outputs of a step that ended before the run started: `error`, `1`, why; the counts stay empty. */
export function notStartedOutputs(reason: string, kind?: NotStartedKind): OutputValues {
  return { status: 'error', 'exit-code': '1', summary: renderNotStartedSummaryOutput(reason, kind) }
}

/**
 * Compact JSON, failures first. Over `maxBytes` (as `outputBytes` counts), the least important
 * entries are dropped and a final `{"omitted": N}` entry says how many.
 */
export function testCaseResultsJson(report: RunReport, maxBytes = Infinity): string {
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
export function exportedVariablesJson(report: RunReport, maxBytes = Infinity): string {
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
  if (outputBytes(json) <= maxBytes) return json
  const cut = (kept: number) => JSON.stringify([...entries.slice(0, kept), { omitted: entries.length - kept } satisfies OmittedEntry])
  let low = 0
  let high = entries.length - 1
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (outputBytes(cut(mid)) <= maxBytes) low = mid
    else high = mid - 1
  }
  return cut(low)
}
