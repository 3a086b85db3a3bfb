/**
 * The action run as the runner runs it, without a process: the same step environment as
 * `runAction` (INPUT_* variables, GITHUB_* files, a workspace), the same entry (the post step when
 * the state says so), the runner's log sink through @actions/core, and the result read back the
 * same way, on a virtual clock shared with the Autify simulator. Waits cost no real time and no
 * process starts, so most end-to-end tests run this way; the tests of the process itself (signals,
 * exit codes, stdout and stderr as the runner reads them, Node 24) start the bundle with `runAction`.
 */
// Loaded up front: Jest's ESM loader fails two concurrent first `import()`s of one module.
import '../../src/github/check-run.js'
import '../../src/github/octokit.js'
import '../../src/github/baseline.js'
import { CancelledError } from '../../src/cancellation.js'
import { cleanUpAfterMain } from '../../src/connect/post.js'
import { runnerLogSink, useLogSink } from '../../src/log.js'
import { announceCancel, runWith } from '../../src/main.js'
import { type Runtime, memoryState } from '../../src/runtime.js'
import { forgetSecrets, redact } from '../../src/secrets.js'
import { type Clock, realClock } from '../../src/util/clock.js'
import { restoreVariablesAfterMain } from '../../src/variables/post.js'
import { AutifySimulator } from '../../simulator/autify/autify-simulator.js'
import type { AutifyWorld } from '../../simulator/autify/world.js'
import { GitHubSimulator, type GitHubSimulatorOptions } from '../../simulator/github/github-simulator.js'
import { type ActionRun, type RunActionOptions, prepareRunnerStep } from '../../simulator/run-action.js'
import { VirtualClock } from '../../simulator/virtual-clock.js'
import { GITHUB_TOKEN, type Harness, fastWorld, harnessStep } from './harness.js'

export interface InProcessRunOptions extends Pick<RunActionOptions, 'env' | 'eventName' | 'event' | 'workflowFile'> {
  /** Cancels the job (as the runner's SIGTERM would) once this holds for the stdout written so far. */
  cancelWhen?: (stdout: string) => boolean
  /**
   * The clock real work (a name look-up, a GitHub write) is raced against; real by default. The
   * harness's clock puts a patience window on virtual time, as one clock for both is in the process:
   * a request still pending when such a wait starts then loses the race at once.
   */
  wall?: Clock
}

export interface InProcessRunnerHarness extends Omit<Harness, 'run'> {
  clock: VirtualClock
  run(inputs: Record<string, string>, options?: InProcessRunOptions): Promise<ActionRun>
}

/** Like `startHarness`, with runs in-process on a virtual clock the Autify simulator shares. */
export async function startInProcessHarness(
  world: Partial<AutifyWorld> = fastWorld(),
  githubOptions: GitHubSimulatorOptions = {}
): Promise<InProcessRunnerHarness> {
  const clock = new VirtualClock()
  const autify = await new AutifySimulator(world, { now: clock.now }).start()
  const github = await new GitHubSimulator({ token: GITHUB_TOKEN, ...githubOptions }).start()
  return {
    autify,
    github,
    clock,
    run: (inputs, options = {}) => runActionInProcess({ ...options, ...harnessStep(autify, github, inputs, options.env) }, clock),
    close: async () => {
      await autify.close()
      await github.close()
    }
  }
}

/** One step in-process, as `src/index.ts` runs it: the main step, or the post step when the state says so. */
export async function runActionInProcess(
  options: Pick<RunActionOptions, 'inputs' | 'env' | 'eventName' | 'event' | 'workflowFile'> & InProcessRunOptions,
  clock: VirtualClock
): Promise<ActionRun> {
  const step = prepareRunnerStep(options)
  // A new step, as a new process would be: it knows only the secrets its own inputs give it.
  forgetSecrets()
  const { env } = step
  const state = memoryState(
    Object.fromEntries(Object.entries(env).flatMap(([name, value]) => (name.startsWith('STATE_') ? [[name.slice(6), value]] : [])))
  )
  const outputs: Record<string, string> = {}
  let summary = ''
  const cancel = new AbortController()
  let cancelledAt: number | null = null
  const runtime: Runtime = {
    clock,
    wall: options.wall ?? realClock,
    log: runnerLogSink,
    state,
    input: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    env,
    setOutput: (name, value) => (outputs[name] = redact(String(value))),
    writeSummary: async (markdown) => {
      summary += `${redact(markdown)}\n`
    }
  }
  const started = clock.now()
  const previousSink = useLogSink(runtime.log)
  const previousExitCode = process.exitCode
  process.exitCode = undefined
  let stdout = ''
  const write = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    if (!cancel.signal.aborted && options.cancelWhen?.(stdout)) {
      cancelledAt = clock.now()
      cancel.abort(new CancelledError('SIGTERM'))
      announceCancel('SIGTERM')
    }
    return true
  }) as typeof process.stdout.write
  let exitCode: number
  try {
    if (state.read('isPost') === 'true') {
      await cleanUpAfterMain(runtime)
      await restoreVariablesAfterMain(runtime)
    } else {
      state.save('isPost', 'true')
      await runWith({ ...runtime, signal: cancel.signal, cancelledAt: () => cancelledAt })
    }
  } finally {
    process.stdout.write = write
    exitCode = Number(process.exitCode ?? 0)
    process.exitCode = previousExitCode
    useLogSink(previousSink)
  }
  return {
    exitCode,
    signal: null,
    stdout,
    stderr: '',
    outputs,
    summary,
    workspace: step.workspace,
    durationMs: clock.now() - started,
    peakMemoryMiB: null,
    state: state.values
  }
}
