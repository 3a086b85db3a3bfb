import { expect } from '@jest/globals'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { AutifySimulator } from '../../simulator/autify/autify-simulator.js'
import type { AutifyWorld } from '../../simulator/autify/world.js'
import { GitHubSimulator, type GitHubSimulatorOptions } from '../../simulator/github/github-simulator.js'
import { type ActionRun, type RunActionOptions, runAction } from '../../simulator/run-action.js'
import { TestifySimulator } from '../../simulator/testify/testify-simulator.js'
import type { TestifyWorld } from '../../simulator/testify/world.js'

export const AUTIFY_TOKEN = 'autify-secret-token-7f3a9c'
export const GITHUB_TOKEN = 'ghs_secretGitHubToken12345'

/** Quick runs: short queues and test cases, so end-to-end tests take seconds. */
export function fastWorld(overrides: Partial<AutifyWorld> = {}): Partial<AutifyWorld> {
  return { token: AUTIFY_TOKEN, queueMs: 150, waitingMs: 100, defaultDurationMs: 300, ...overrides }
}

export interface Harness {
  autify: AutifySimulator
  github: GitHubSimulator
  run(inputs: Record<string, string>, options?: Partial<RunActionOptions>): Promise<ActionRun>
  close(): Promise<void>
}

export async function startHarness(
  world: Partial<AutifyWorld> = fastWorld(),
  githubOptions: GitHubSimulatorOptions = {}
): Promise<Harness> {
  const autify = await new AutifySimulator(world).start()
  const github = await new GitHubSimulator({ token: GITHUB_TOKEN, ...githubOptions }).start()
  return {
    autify,
    github,
    run: (inputs, options = {}) => runAction({ ...options, ...harnessStep(autify, github, inputs, options.env) }),
    close: async () => {
      await autify.close()
      await github.close()
    }
  }
}

/** A run's inputs and environment against the harness's simulators: its tokens, URLs and quick polls, then `inputs` and `env`. */
export function harnessStep(
  autify: AutifySimulator,
  github: GitHubSimulator,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): { inputs: Record<string, string>; env: Record<string, string> } {
  return {
    inputs: {
      'access-token': AUTIFY_TOKEN,
      'autify-api-url': autify.apiUrl,
      'github-token': GITHUB_TOKEN,
      interval: '0.2',
      timeout: '30',
      ...inputs
    },
    env: { GITHUB_API_URL: github.apiUrl, ...env }
  }
}

/** Everything a run wrote: its logs, outputs, summary and the files in its workspace. */
export function everythingWritten(run: ActionRun): string {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name)
      if (statSync(file).isDirectory()) walk(file)
      else files.push(readFileSync(file, 'utf8'))
    }
  }
  walk(path.dirname(run.workspace))
  return [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary, ...files].join('\n')
}

/** A secret may appear only in the runner's own `::add-mask::` commands. */
export function expectNoSecret(text: string, ...secrets: string[]): void {
  const withoutMaskCommands = text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  for (const secret of secrets) expect(withoutMaskCommands).not.toContain(secret)
}

/** The Autify requests other than reads of the result, e.g. to assert that nothing was sent. */
export function autifyCalls(autify: AutifySimulator): string[] {
  return autify.requests.map((r) => `${r.method} ${r.path.replace('/api/v1/', '/')}`)
}

/** The three parts of the Testify API key the Testify simulator accepts in tests. */
export const TESTIFY_SECRET = 'tfy-secret-5c1e0b7a93d4'
export const TESTIFY_SUBJECT = 'tfy-subject-interface-user-4242'
export const TESTIFY_TENANT = 'tfy-tenant-acme-9d2f61'

/** A Testify simulator that accepts the test key parts. */
export function startTestify(world: Partial<TestifyWorld> = {}): Promise<TestifySimulator> {
  return new TestifySimulator({ secret: TESTIFY_SECRET, subject: TESTIFY_SUBJECT, tenant: TESTIFY_TENANT, ...world }).start()
}

/** The inputs that publish to `testify` with the test key and a template. */
export function testifyInputs(testify: TestifySimulator, template = 'checkout-regression'): Record<string, string> {
  return {
    'testify-api-key': TESTIFY_SECRET,
    'testify-subject': TESTIFY_SUBJECT,
    'testify-tenant': TESTIFY_TENANT,
    'testify-api-url': testify.apiUrl,
    'testify-checklist-template': template
  }
}
