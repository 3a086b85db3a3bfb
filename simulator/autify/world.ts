import type { ApiCapability } from '../../src/autify/api-types.js'
import type { FinalStatus } from './runs.js'
import { RECORDED_CAPABILITIES } from './recorded-capabilities.js'

export interface ScenarioSpec {
  name: string
  durationMs?: number
  /** Outcome of the 1st, 2nd, … run of this scenario on one capability; the last one repeats. */
  outcomes?: FinalStatus[]
  /** "Review needed" flags on its results. */
  reviewNeeded?: number
  /** Variables it exports (`export_variables` on its results once they have ended). */
  exports?: Record<string, string>
}

export interface TestPlanSpec {
  name: string
  scenarioIds: number[]
  /** Capability requests, matched against the project's capabilities. */
  capabilities: Record<string, string>[]
  /** Its test plan variables (key → default value), as set in Autify's UI. */
  variables?: Record<string, string>
}

/** What the simulated Autify knows: one project, its scenarios, test plans and capabilities. */
export interface AutifyWorld {
  projectId: number
  /** The only access token it accepts. */
  token: string
  scenarios: Record<number, ScenarioSpec>
  testPlans: Record<number, TestPlanSpec>
  capabilities: ApiCapability[]
  queueMs: number
  waitingMs: number
  defaultDurationMs: number
  /** Each run's test case durations vary by up to this fraction (0.02: ±2 %), repeatably. */
  durationJitter: number
  /** Test cases of one capability that run at once (parallel execution). */
  parallelism: number
  scenarioPageSize: number
}

/** Earlier runs of the demo's test plan 169500 to seed (`seedHistory(…, { outcomes: true })`): its failure history. */
export const DEMO_HISTORY = { testPlanId: 169500, runs: 3 }

/** Project 743, scenario 91437 and test plan 169408 as recorded, plus a few more to show off. */
export function defaultWorld(): AutifyWorld {
  return {
    projectId: 743,
    token: 'sim-autify-token',
    scenarios: {
      91437: { name: 'Sign in and see the dashboard', durationMs: 2500 },
      // Outcomes for three earlier runs of the test plan (see seedHistory), then this run and its retry.
      91438: { name: 'Search the catalogue', durationMs: 1800, outcomes: ['passed', 'failed', 'passed', 'passed'] },
      91439: { name: 'Add an item to the cart', durationMs: 2200, outcomes: ['passed', 'passed', 'passed', 'failed'] },
      91440: { name: 'Check out with a saved card', durationMs: 3000, outcomes: ['failed'] },
      91441: { name: 'Apply a discount code', durationMs: 1500, outcomes: ['passed', 'passed', 'passed', 'failed', 'passed'] },
      91442: { name: 'Change the delivery address', durationMs: 2000, reviewNeeded: 1 }
    },
    testPlans: {
      169408: { name: 'cli test', scenarioIds: [91437], capabilities: [{ os: 'Linux', browser: 'Chrome' }] },
      169500: {
        name: 'Checkout regression',
        scenarioIds: [91437, 91438, 91439, 91440, 91441, 91442],
        variables: { BASE_URL: 'https://staging.shop.example', LOCALE: 'en-US', COUPON_CODE: 'WELCOME10' },
        capabilities: [
          { os: 'Linux', browser: 'Chrome' },
          { os: 'Windows', os_version: '11', browser: 'Edge' }
        ]
      }
    },
    capabilities: RECORDED_CAPABILITIES,
    queueMs: 600,
    waitingMs: 400,
    defaultDurationMs: 2000,
    durationJitter: 0,
    parallelism: 4,
    scenarioPageSize: 30
  }
}
