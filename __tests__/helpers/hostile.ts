/**
 * Hostile servers for the e2e suites `hostile-text` and `hostile-time`: an Autify API whose scenario
 * names try to inject workflow commands and echo the token, a GitHub API and a Testify API, and the
 * checks every run against them must pass.
 */
import { expect } from '@jest/globals'
import { withoutMentions } from '../../src/report/markdown.js'
import { secretForms } from '../../src/secrets.js'
import { backslashMarkdown } from '../../src/util/format.js'
import { decodeEscapes } from '../../src/util/unescape.js'
import type { AutifyWorld } from '../../simulator/autify/world.js'
import type { GitHubSimulatorOptions, SimCheckRun } from '../../simulator/github/github-simulator.js'
import type { ActionRun } from '../../simulator/run-action.js'
import type { TestifySimulator } from '../../simulator/testify/testify-simulator.js'
import {
  TESTIFY_SECRET,
  TESTIFY_SUBJECT,
  TESTIFY_TENANT,
  type Harness,
  everythingWritten,
  fastWorld,
  startHarness,
  startTestify
} from './harness.js'

/** Tokens made of the characters Markdown escaping and URL encoding change. */
export const TOKEN = 'autify_tok-3*x.y_Z9k#|'
export const GH_TOKEN = 'ghs_hostile-T*k.en_42'
const SECRETS = [TOKEN, GH_TOKEN, TESTIFY_SECRET, TESTIFY_SUBJECT, TESTIFY_TENANT]

/** Each tries a different way to start a line the runner reads as a command. */
export const INJECTIONS = [
  '\n::error::FORGED',
  '\n::add-mask::FORGED',
  '\r::stop-commands::FORGED',
  '\r\n::set-output name=status::FORGED',
  '\u2028::notice::FORGED',
  '\n   ::warning file=x.ts::FORGED',
  ' ##[error]FORGED',
  '\u0085::debug::FORGED',
  '\u001b[2K\r::error::FORGED'
]

/**
 * A secret as `escapeMarkdown` writes it (entities, backslashes, no mention), without its redaction:
 * runs in one process share the secrets any earlier run registered, and `escapeMarkdown` would give
 * those as an escaped `***`.
 */
export function markdownEscaped(secret: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
  return withoutMentions(backslashMarkdown(secret.replace(/[&<>]/g, (char) => entities[char])))
}

export const RESULT_PATH = /^\/api\/v1\/projects\/743\/results\/\d+$/
export const scenarioRun = { 'project-id': '743', 'scenario-ids': '1,2,3' }

export interface Hostile {
  h: Harness
  testify: TestifySimulator
  run(inputs: Record<string, string>): Promise<ActionRun>
  /** What every run against a hostile server must show, whatever else happened (`secrets`: any given besides ours). */
  expectContained(result: ActionRun, secrets?: string[]): void
  checkRunOf(result: ActionRun): SimCheckRun | undefined
  close(): Promise<void>
}

/** Starts the simulators and runs the action against them: `startHarness` (the bundle as a process) or `startInProcessHarness`. */
export type HarnessStarter = (world: Partial<AutifyWorld>, githubOptions: GitHubSimulatorOptions) => Promise<Harness>

export async function startHostile(start: HarnessStarter = startHarness): Promise<Hostile> {
  const h = await start(
    fastWorld({
      token: TOKEN,
      scenarios: {
        1: { name: `Sign in${INJECTIONS.slice(0, 5).join('')}`, outcomes: ['failed'] },
        2: { name: `Pay ${TOKEN}${INJECTIONS.slice(5).join('')}`, outcomes: ['failed'] },
        3: { name: `Echo ${markdownEscaped(TOKEN)} ${encodeURIComponent(TOKEN)}` }
      }
    }),
    { token: GH_TOKEN }
  )
  const testify = await startTestify()
  return {
    h,
    testify,
    run: (inputs) => h.run({ 'access-token': TOKEN, 'github-token': GH_TOKEN, ...inputs }),
    expectContained: (result, secrets = []) => {
      expect(forgedCommandLines(result.stdout, [...SECRETS, ...secrets])).toEqual([])
      expectNoSecretAnywhere(
        [...SECRETS, ...secrets],
        [
          everythingWritten(result),
          ...h.github.requests.map((r) => r.rawBody),
          ...testify.requests.map((r) => r.rawBody),
          ...h.github.checkRuns.flatMap((c) => [JSON.stringify(c.output), JSON.stringify(c.annotations)])
        ]
      )
      expect(result.summary).not.toBe('')
    },
    checkRunOf: (result) => h.github.checkRuns.find((c) => c.external_id === result.outputs['result-id']),
    close: async () => {
      await h.close()
      await testify.close()
    }
  }
}

/**
 * A test body run against fresh hostile servers, closed at its end: tests that mostly wait (for a
 * time limit, or for the step's paced GitHub writes) can then run at once (`it.concurrent`), no
 * test's fault reaching another's run.
 */
export function onOwnServers<A extends unknown[]>(test: (w: Hostile, ...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    const w = await startHostile()
    try {
      await test(w, ...args)
    } finally {
      await w.close()
    }
  }
}

/** The commands the action writes itself; `add-mask` only of the secrets it was given. */
const OUR_COMMANDS = new Set(['error', 'warning', 'notice', 'debug', 'group', 'endgroup'])

/**
 * Every stdout line the runner would act on that the action did not mean to write: a legacy
 * `##[` command anywhere, a command the action never writes, an `add-mask` of anything but our
 * secrets, or a command whose message begins with the injected text.
 */
function forgedCommandLines(stdout: string, secrets: string[]): string[] {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const ourMasks = new Set(secrets.flatMap(secretForms).map((s) => `::add-mask::${escapeData(s)}`))
  return stdout.split(/\r\n|\r|\n/).filter((line) => {
    if (line.includes('##[')) return true
    const command = line.trimStart()
    if (!command.startsWith('::')) return false
    if (command.startsWith('::add-mask::')) return !ourMasks.has(command)
    const parsed = /^::([^\s:]*)(?: [^]*?)?::([^]*)$/.exec(command)
    return !parsed || !OUR_COMMANDS.has(parsed[1]) || parsed[2].startsWith('FORGED')
  })
}

/** Every form a secret could leak in (`secretForms`), and escaped for Markdown as the reports escape text. */
function expectNoSecretAnywhere(secrets: string[], texts: string[]): void {
  const all = texts
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  // Decoded level by level as a reader would (JSON, percent, HTML escapes, in any mix), too.
  let decoded = all
  for (let pass = 0, previous = ''; pass < 8 && decoded !== previous; pass++) [previous, decoded] = [decoded, decodeEscapes(decoded)]
  for (const secret of secrets) {
    for (const form of new Set([...secretForms(secret), markdownEscaped(secret)])) {
      expect(all).not.toContain(form)
    }
    expect(decoded).not.toContain(secret)
  }
}
