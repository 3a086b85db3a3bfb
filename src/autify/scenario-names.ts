import { mapConcurrent } from '../util/concurrency.js'
import type { ApiScenario } from './api-types.js'
import type { AutifyClient } from './client.js'

export interface ScenarioNamesOptions {
  /** Requests in flight at once. */
  concurrency?: number
  /** Above this many unknown names, read the paged scenario list instead of one request each. */
  listThreshold?: number
}

/**
 * Scenario names by ID. A result carries only `test_case_id`, so names are looked up once each,
 * concurrently but bounded; a failed lookup falls back to `Scenario #ID`.
 */
export class ScenarioNames {
  private readonly names = new Map<number, string>()
  private readonly settled = new Set<number>()
  private readonly concurrency: number
  private readonly listThreshold: number
  private inFlight: Promise<void> = Promise.resolve()
  /** Requests made, for the benchmark. */
  requests = 0

  constructor(
    private readonly client: AutifyClient,
    private readonly projectId: number,
    options: ScenarioNamesOptions = {}
  ) {
    this.concurrency = options.concurrency ?? 8
    this.listThreshold = options.listThreshold ?? 30
  }

  readonly nameOf = (scenarioId: number): string => this.names.get(scenarioId) ?? `Scenario #${scenarioId}`

  /** Looks up the names not known yet. Calls queue behind each other, so no ID is fetched twice. */
  resolve(scenarioIds: Iterable<number>): Promise<void> {
    const run = this.inFlight.then(() => this.fetchMissing([...new Set(scenarioIds)].filter((id) => !this.settled.has(id))))
    this.inFlight = run.catch(() => undefined)
    return run
  }

  private async fetchMissing(missing: number[]): Promise<void> {
    if (missing.length === 0) return
    const remaining = new Set(missing)
    if (missing.length > this.listThreshold) await this.fetchFromList(remaining)
    await mapConcurrent([...remaining], this.concurrency, async (id) => {
      try {
        this.requests++
        this.learn(await this.client.describeScenario(this.projectId, id))
      } catch {
        // Falls back to `Scenario #ID`.
      }
      this.settled.add(id)
    })
  }

  /**
   * Reads list pages, a wave of `concurrency` at a time, until every wanted name is known or a page
   * comes back short. Once the names still missing would cost fewer requests one by one than
   * another wave of pages, they are looked up one by one.
   */
  private async fetchFromList(remaining: Set<number>): Promise<void> {
    let pageSize = 0
    for (let page = 1; remaining.size > 0;) {
      const wave = page === 1 ? [1] : Array.from({ length: this.concurrency }, (_, i) => page + i)
      let pages: ApiScenario[][]
      try {
        pages = await Promise.all(
          wave.map((p) => {
            this.requests++
            return this.client.listScenarios(this.projectId, p)
          })
        )
      } catch {
        return
      }
      pageSize ||= pages[0].length
      for (const list of pages) {
        for (const scenario of list) {
          this.learn(scenario)
          remaining.delete(scenario.id)
        }
      }
      page += wave.length
      const ended = pages.some((list) => list.length === 0 || list.length < pageSize)
      if (ended || pageSize === 0 || remaining.size <= this.concurrency) return
    }
  }

  private learn(scenario: ApiScenario): void {
    if (typeof scenario?.id !== 'number') return
    if (typeof scenario.name === 'string' && scenario.name.trim()) this.names.set(scenario.id, scenario.name.trim())
    this.settled.add(scenario.id)
  }
}
