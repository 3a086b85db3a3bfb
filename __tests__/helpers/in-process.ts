/**
 * The action's entry point run in-process: `runWith` against the Autify and GitHub simulators on a
 * virtual clock, with its outputs, job summary and log recorded instead of sent to the runner.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import path from 'node:path'
// Loaded up front: Jest's ESM loader fails two concurrent first `import()`s of one module (the
// check run and the comment both load @actions/github on demand).
import '../../src/github/check-run.js'
import '../../src/github/octokit.js'
import { type LogSink, useLogSink } from '../../src/log.js'
import { type ActionIO, runWith } from '../../src/main.js'
import { type StepState, memoryState } from '../../src/runtime.js'
import { type Clock, realClock } from '../../src/util/clock.js'
import { AutifySimulator } from '../../simulator/autify/autify-simulator.js'
import type { AutifyWorld } from '../../simulator/autify/world.js'
import { GitHubSimulator } from '../../simulator/github/github-simulator.js'
import { TEST_REPOSITORY, TEST_SHA, scratchRoot } from '../../simulator/run-action.js'
import { VirtualClock } from '../../simulator/virtual-clock.js'
import { heldStdout } from './stdout.js'

export const AUTIFY_TOKEN = 'in-process-autify-token-5d1e'
export const GITHUB_TOKEN = 'ghs_inProcessGitHubToken987'

/** One line of the recorded log: its kind and its text (already redacted and neutralised). */
export interface LogLine {
  kind: keyof LogSink
  text: string
}

export interface InProcessRun {
  outputs: Record<string, string>
  summary: string
  log: LogLine[]
  /** The message the step failed with, or null when it passed. */
  failed: string | null
  warnings: string[]
  infos: string[]
  /** What @actions/core wrote to stdout (the `::add-mask::` of each new secret): held, not printed. */
  stdout: string
  /** Virtual time the step took. */
  elapsedMs: number
  workspace: string
}

export interface InProcessOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  event?: unknown
  /** Aborted when `cancelWhen` first holds after a log line (as the runner's SIGINT would). */
  cancelWhen?: (log: readonly LogLine[]) => boolean
  writeSummary?: ActionIO['writeSummary']
  /** Told of each log line as it is written. */
  onLog?: (line: LogLine) => void
  /** The step state the main step saves to (a fresh one by default): what its post step reads. */
  state?: StepState
  /** The run's clock (the harness's virtual clock by default; a wrapper must share its time). */
  clock?: Clock
}

export interface InProcessHarness {
  autify: AutifySimulator
  github: GitHubSimulator
  clock: VirtualClock
  run(options: InProcessOptions): Promise<InProcessRun>
  close(): Promise<void>
}

export async function startInProcess(world: Partial<AutifyWorld>): Promise<InProcessHarness> {
  const clock = new VirtualClock()
  const autify = await new AutifySimulator({ token: AUTIFY_TOKEN, ...world }, { now: clock.now }).start()
  const github = await new GitHubSimulator({ token: GITHUB_TOKEN }).start()
  return {
    autify,
    github,
    clock,
    run: (options) => runInProcess(options, { autify, github, clock }),
    close: async () => {
      await autify.close()
      await github.close()
    }
  }
}

async function runInProcess(
  options: InProcessOptions,
  { autify, github, clock }: { autify: AutifySimulator; github: GitHubSimulator; clock: VirtualClock }
): Promise<InProcessRun> {
  const root = mkdtempSync(path.join(scratchRoot(), 'in-process-'))
  const workspace = path.join(root, 'workspace')
  mkdirSync(workspace)
  const eventPath = path.join(root, 'event.json')
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}))
  const env: NodeJS.ProcessEnv = {
    GITHUB_REPOSITORY: TEST_REPOSITORY,
    GITHUB_SHA: TEST_SHA,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKFLOW_REF: `${TEST_REPOSITORY}/.github/workflows/e2e.yml@refs/heads/main`,
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: github.apiUrl,
    GITHUB_WORKSPACE: workspace,
    ...options.env
  }
  const inputs: Record<string, string> = {
    'access-token': AUTIFY_TOKEN,
    'autify-api-url': autify.apiUrl,
    'github-token': GITHUB_TOKEN,
    interval: '10',
    timeout: '600',
    ...options.inputs
  }
  const log: LogLine[] = []
  const cancel = new AbortController()
  let cancelledAt: number | null = null
  const sink = recordingSink((kind, text) => {
    log.push({ kind, text })
    options.onLog?.({ kind, text })
    if (!cancel.signal.aborted && options.cancelWhen?.(log)) {
      cancelledAt = clock.now()
      cancel.abort(new Error('The job was cancelled (SIGINT).'))
    }
  })
  const outputs: Record<string, string> = {}
  let summary = ''
  const previous = useLogSink(sink)
  const started = clock.now()
  let stdout: string
  try {
    stdout = await heldStdout(() =>
      runWith({
        input: (name) => (inputs[name] ?? '').trim(),
        env,
        clock: options.clock ?? clock,
        wall: realClock,
        state: options.state ?? memoryState(),
        signal: cancel.signal,
        cancelledAt: () => cancelledAt,
        setOutput: (name, value) => (outputs[name] = value),
        writeSummary:
          options.writeSummary ??
          (async (markdown) => {
            summary += `${markdown}\n`
          })
      })
    )
  } finally {
    useLogSink(previous)
  }
  const texts = (kind: keyof LogSink) => log.filter((l) => l.kind === kind).map((l) => l.text)
  const failures = texts('fail')
  return {
    outputs,
    summary,
    log,
    failed: failures.length > 0 ? failures.join('\n') : null,
    warnings: texts('warning'),
    infos: texts('info'),
    stdout,
    elapsedMs: clock.now() - started,
    workspace
  }
}

/** A log sink that hands every line to `record` with its kind. */
export function recordingSink(record: (kind: keyof LogSink, text: string) => void): LogSink {
  const line = (kind: keyof LogSink) => (text: string) => record(kind, text)
  return {
    info: line('info'),
    debug: line('debug'),
    warning: line('warning'),
    error: line('error'),
    notice: line('notice'),
    fail: line('fail')
  }
}
