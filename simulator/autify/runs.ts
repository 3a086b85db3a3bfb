import type { ApiCapability, ApiResult, ApiTestCaseResult } from '../../src/autify/api-types.js'

/** How a simulated test case ends. */
export type FinalStatus = 'passed' | 'failed' | 'skipped' | 'internal_error' | 'canceled'

export interface SimTestCase {
  id: number
  scenarioId: number
  status: FinalStatus
  /** From the moment the run leaves `waiting`. */
  startOffsetMs: number
  durationMs: number
  reviewNeeded: number
  /** Served as `export_variables` once the test case has ended. */
  exports: Record<string, string>
}

export interface SimCapabilityResult {
  id: number
  capability: ApiCapability
  testCases: SimTestCase[]
}

/** One simulated run: everything about it is fixed at its start; its state follows from the clock. */
export interface SimRun {
  id: number
  projectId: number
  createdAt: number
  queueMs: number
  waitingMs: number
  testPlan: { id: number; name: string } | null
  /** The Autify Connect access point it runs through, if any. */
  accessPoint?: string
  capabilityResults: SimCapabilityResult[]
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The moment every test case has ended. */
export function runEndsAt(run: SimRun): number {
  const ends = run.capabilityResults.flatMap((c) => c.testCases.map((t) => t.startOffsetMs + t.durationMs))
  return run.createdAt + run.queueMs + run.waitingMs + Math.max(0, ...ends)
}

function finalStatus(statuses: FinalStatus[]): FinalStatus {
  for (const status of ['failed', 'internal_error', 'canceled'] as const) if (statuses.includes(status)) return status
  if (statuses.length > 0 && statuses.every((s) => s === 'skipped')) return 'skipped'
  return 'passed'
}

/** `GET /projects/{id}/results/{id}` for the run at time `now`, shaped as Autify answers it. */
export function describeRun(run: SimRun, now: number, webOrigin: string): ApiResult {
  const elapsed = now - run.createdAt
  const runningFrom = run.createdAt + run.queueMs + run.waitingMs
  const base = {
    id: run.id,
    created_at: iso(run.createdAt),
    updated_at: iso(Math.min(now, runEndsAt(run))),
    review_needed: false,
    test_plan: run.testPlan ? { ...run.testPlan, created_at: '2022-05-16T21:16:28.612Z', updated_at: '2022-05-16T21:16:28.612Z' } : null
  }
  if (elapsed < run.queueMs) {
    return { ...base, status: 'queuing', duration: null, started_at: null, finished_at: null, test_plan_capability_results: [] }
  }
  const endsAt = runEndsAt(run)
  const statuses: FinalStatus[] = []
  const capabilityResults = run.capabilityResults.map((c) => ({
    id: c.id,
    capability: c.capability,
    test_case_results: c.testCases.map((t): ApiTestCaseResult & Record<string, unknown> => {
      const startsAt = runningFrom + t.startOffsetMs
      const endsAtCase = startsAt + t.durationMs
      const done = now >= endsAtCase
      if (done) statuses.push(t.status)
      return {
        id: t.id,
        test_case_id: t.scenarioId,
        status: done ? t.status : now >= startsAt ? 'running' : 'waiting',
        duration: done ? t.durationMs : null,
        started_at: now >= startsAt ? iso(startsAt) : null,
        finished_at: done ? iso(endsAtCase) : null,
        created_at: iso(run.createdAt + run.queueMs),
        project_url: `${webOrigin}/projects/${run.projectId}/results/${run.id}/capabilities/${c.id}/scenarios/${t.id}`,
        updated_at: iso(Math.min(now, endsAtCase)),
        number_of_credits_consumed: done ? 1 : 0,
        review_needed: done ? t.reviewNeeded : 0,
        import_variables: [],
        export_variables: done ? Object.entries(t.exports).map(([key, value]) => ({ key, value })) : []
      }
    })
  }))
  const finished = now >= endsAt
  const started = now >= runningFrom
  return {
    ...base,
    status: finished ? finalStatus(statuses) : started ? 'running' : 'waiting',
    duration: finished ? endsAt - runningFrom : null,
    started_at: started ? iso(runningFrom) : null,
    finished_at: finished ? iso(endsAt) : null,
    review_needed: finished && run.capabilityResults.some((c) => c.testCases.some((t) => t.reviewNeeded > 0)),
    test_plan_capability_results: capabilityResults
  }
}
