/**
 * The pull request the demo and the docs' pictures run on: #42 into `main`, whose three latest
 * commits each have a finished run of the demo's test plan with its `Autify` check run, so the
 * pull request's failures are judged against the base branch as on a real repository.
 */
import type { AutifySimulator } from './autify/autify-simulator.js'
import { DEMO_HISTORY } from './autify/world.js'
import type { GitHubSimulator } from './github/github-simulator.js'

/** Three commits of main, newest first; the pull request branched from the newest. */
export const MAIN_COMMITS = [
  '5b1e4e4c0ffee5b1e4e4c0ffee5b1e4e4c0ffee0',
  '3c2d1e0f0ffee3c2d1e0f0ffee3c2d1e0f0ffee0',
  '1a0b9c8d0ffee1a0b9c8d0ffee1a0b9c8d0ffee0'
]

export const DEMO_PULL_REQUEST = {
  eventName: 'pull_request',
  event: {
    pull_request: {
      number: 42,
      head: { sha: '4242424242424242424242424242424242424242', ref: 'feature/cart' },
      base: { sha: MAIN_COMMITS[0], ref: 'main' }
    }
  }
}

/** The test plan's earlier runs in Autify, one on each commit of main, each with its check run. */
export function seedBaseBranch(autify: AutifySimulator, github: GitHubSimulator): void {
  autify.seedHistory(DEMO_HISTORY.testPlanId, MAIN_COMMITS.length, { outcomes: true })
  github.addCommits(MAIN_COMMITS)
  // seedHistory adds the oldest run first; the newest commit gets the newest run.
  autify.runs.slice(-MAIN_COMMITS.length).forEach((run, i, seeded) =>
    github.seedCheckRun({
      name: 'Autify',
      head_sha: MAIN_COMMITS[seeded.length - 1 - i],
      external_id: String(run.id),
      conclusion: 'failure'
    })
  )
}
