/**
 * The Autify Connect Client session and the post step in-process, as `runWith` is tested: the step
 * on the virtual clock against the Autify simulator, the fake client a real process (its start-up
 * and its stop take real time). A cancel in each phase, and a post step after a main step killed
 * mid-run, must leave no client running and no access point behind.
 *
 * @waits-real-time: its runs take real time (processes, the action's own time limits).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { cleanUpAfterMain } from '../src/connect/post.js'
import { type LogSink, useLogSink } from '../src/log.js'
import { type Runtime, memoryState } from '../src/runtime.js'
import { type Clock, realClock } from '../src/util/clock.js'
import { restoreVariablesAfterMain } from '../src/variables/post.js'
import { connectClientSetup, killAll, waitFor } from './helpers/connect.js'
import { type InProcessHarness, type LogLine, AUTIFY_TOKEN, recordingSink, startInProcess } from './helpers/in-process.js'
import { heldStdout } from './helpers/stdout.js'

const PLAN = 169408
const BEFORE = { BASE_URL: 'https://staging.shop.example' }
const PREVIEW_URL = 'https://pr-42.preview.example.com'

let h: InProcessHarness
beforeAll(async () => {
  h = await startInProcess({
    queueMs: 1000,
    waitingMs: 1000,
    defaultDurationMs: 20_000,
    scenarios: { 1: { name: 'Sign in on localhost' }, 2: { name: 'Long checkout', durationMs: 3_600_000 } },
    testPlans: { [PLAN]: { name: 'Long plan', scenarioIds: [2], capabilities: [{ os: 'Linux', browser: 'Chrome' }] } }
  })
})
afterAll(() => h.close())

let setup: ReturnType<typeof connectClientSetup>
const runnerEnv = { RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE, RUNNER_TEMP: process.env.RUNNER_TEMP }
beforeEach(() => {
  setup = connectClientSetup(h.autify.connectClientDownloadUrl)
  // The tool cache reads them from the process: the step runs in this one.
  process.env.RUNNER_TOOL_CACHE = setup.toolCache
  process.env.RUNNER_TEMP = setup.toolCache
  h.autify.connect.behaviour = { mode: 'normal', readyAfterMs: 50 }
  h.autify.connect.accessPoints.clear()
  h.autify.variables.seed(PLAN, BEFORE)
})
afterEach(() => {
  const left = setup.clients()
  killAll(left)
  setup.remove()
  for (const [name, value] of Object.entries(runnerEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  // Every fake client a test started is gone at its end.
  expect(left).toEqual([])
})

const scenario = (id: number) => ({ ...setup.inputs, 'project-id': '743', 'scenario-ids': String(id) })
const accessPointCalls = (from: number) =>
  h.autify.requests
    .slice(from)
    .filter((r) => r.path.includes('/autify_connect/access_points'))
    .map((r) => r.method)
const startedRuns = (from: number) =>
  h.autify.requests.slice(from).filter((r) => r.method === 'POST' && /execute_scenarios|schedules/.test(r.path))
const said = (text: string) => (log: readonly LogLine[]) => log.some((l) => l.text.startsWith(text))

describe('the Connect Client session, in-process', () => {
  it('installs the client, makes an access point, waits until ready, runs through it, then stops the client and deletes it', async () => {
    const from = h.autify.requests.length
    const created = h.autify.connect.created.length
    const state = memoryState()
    const run = await h.run({ inputs: scenario(1), state })
    expect(run.failed).toBeNull()
    expect(run.outputs.status).toBe('passed')
    const name = h.autify.connect.created[created]
    expect(name).toMatch(/^autify-web-test-action-[0-9a-f-]{36}$/)
    expect(startedRuns(from).map((r) => r.body)).toEqual([expect.objectContaining({ autify_connect: { name } })])
    expect(accessPointCalls(from)).toEqual(['POST', 'DELETE'])
    expect(h.autify.connect.accessPoints.size).toBe(0)
    expect(run.infos).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Downloading Autify Connect Client v[\d.]+ from /),
        `Created the access point ${name} for this run.`,
        `Autify Connect Client is ready: Autify reaches this runner through ${name}.`,
        expect.stringMatching(/^Stopped the Autify Connect Client \(exit code 0\)\.$/),
        `Deleted the access point ${name}.`
      ])
    )
    expect(run.warnings).toEqual([])
    // Nothing left for the post step: the main step cleared what it had saved.
    expect(state.values).toMatchObject({ 'connect-client-pid': '', 'connect-access-point': '' })
    // The run's 20 s (and the queue) passed on the virtual clock.
    expect(run.elapsedMs).toBeGreaterThanOrEqual(20_000)
  })

  it.each([
    ['during the install', said('Downloading Autify Connect Client'), false],
    // Connected, never ready: a client that would outlive its access point.
    ['while waiting for the client to be ready', said('[client] info: Authenticated as access point'), true]
  ])('on a cancel %s: nothing started, no client left, no access point left', async (_, cancelWhen, clientStarted) => {
    h.autify.connect.behaviour = { mode: 'never-ready', readyAfterMs: 0 }
    const from = h.autify.requests.length
    const run = await h.run({ inputs: scenario(1), cancelWhen })
    expect(run.failed).toMatch(/cancel/i)
    expect(run.outputs.status).toBe('error')
    expect(run.summary).toContain('the run did not start')
    expect(startedRuns(from)).toEqual([])
    // A create already on its way is not abandoned (it could not be deleted unseen): it is deleted.
    expect(accessPointCalls(from)).toEqual(['POST', 'DELETE'])
    expect(run.infos.some((text) => text.startsWith('Started the client'))).toBe(clientStarted)
    expect(h.autify.connect.accessPoints.size).toBe(0)
    expect(setup.clients()).toEqual([])
  })

  it('on a cancel during the run: the run is stopped, the client stopped and the access point deleted', async () => {
    const from = h.autify.requests.length
    const run = await h.run({ inputs: scenario(2), cancelWhen: said('Started scenario 2') })
    expect(run.failed).toMatch(/cancel/i)
    expect(startedRuns(from)).toHaveLength(1)
    expect(accessPointCalls(from)).toEqual(['POST', 'DELETE'])
    expect(h.autify.connect.accessPoints.size).toBe(0)
    expect(setup.clients()).toEqual([])
    // Stopped within the runner's grace, on the virtual clock: not after the scenario's hour.
    expect(run.elapsedMs).toBeLessThan(60_000)
  })
})

describe('the post step, in-process', () => {
  it('after a main step killed mid-run: stops the client it left running, deletes the access point, restores the variables', async () => {
    const clock = new FreezableClock(h.clock)
    const state = memoryState()
    const main = h.run({
      inputs: { ...setup.inputs, 'project-id': '743', 'test-plan-id': String(PLAN), 'test-plan-variables': `BASE_URL=${PREVIEW_URL}` },
      state,
      clock,
      onLog: (line) => {
        // Killed: from here on the main step does nothing (its time stands still).
        if (line.text.startsWith(`Started test plan ${PLAN}`)) clock.freeze()
      }
    })
    try {
      await waitFor(() => clock.frozen, 20_000)
      await expectPostStepCleansUp(state.values)
    } finally {
      // The abandoned main step is let go, so that nothing of it outlives the test.
      clock.thaw()
      await main
    }
  })

  it('with nothing left to clean up: one debug line, no request', async () => {
    const from = h.autify.requests.length
    let post: LogLine[] = []
    const stdout = await heldStdout(async () => (post = await postStep({})))
    expect(post).toEqual([
      {
        kind: 'debug',
        text: 'Nothing to clean up: no Autify Connect Client was left running and no access point was left behind.'
      }
    ])
    expect(stdout).toBe('')
    expect(h.autify.requests.length).toBe(from)
  })
})

/** What a killed main step saved: the client it left running, its access point, the plan's variables. */
async function expectPostStepCleansUp(saved: Record<string, string>): Promise<void> {
  const name = saved['connect-access-point']
  expect(name).toMatch(/^autify-web-test-action-/)
  expect(h.autify.connect.accessPoints.has(name)).toBe(true)
  expect(setup.clients()).toEqual([Number(saved['connect-client-pid'])])
  expect(h.autify.variables.valuesOf(PLAN)).toEqual({ BASE_URL: PREVIEW_URL })

  // Its log also holds what the abandoned session says on seeing its client go (the log is the process's).
  const post = await postStep(saved)
  expect(post.filter((l) => l.kind === 'warning' || l.kind === 'fail')).toEqual([])
  expect(post.map((l) => l.text)).toEqual(
    expect.arrayContaining([
      `Stopping the Autify Connect Client the main step left running (pid ${saved['connect-client-pid']})…`,
      'Stopped the Autify Connect Client.',
      `Deleted the access point ${name} the main step left behind.`,
      `Restored the variables of test plan ${PLAN}.`
    ])
  )
  expect(setup.clients()).toEqual([])
  expect(h.autify.connect.accessPoints.size).toBe(0)
  expect(h.autify.variables.valuesOf(PLAN)).toEqual(BEFORE)
}

/** The post step's entry (`src/index.ts` when `isPost`) in-process, with the main step's state and inputs. */
async function postStep(saved: Record<string, string>): Promise<LogLine[]> {
  const log: LogLine[] = []
  const inputs: Record<string, string> = { ...setup.inputs, 'access-token': AUTIFY_TOKEN, 'autify-api-url': h.autify.apiUrl }
  const runtime: Runtime = {
    clock: h.clock,
    wall: realClock,
    log: recordingSink((kind, text) => log.push({ kind, text })),
    state: memoryState(saved),
    input: (name) => inputs[name] ?? '',
    env: {},
    setOutput: () => undefined,
    writeSummary: async () => undefined
  }
  const previous: LogSink = useLogSink(runtime.log)
  try {
    await cleanUpAfterMain(runtime)
    await restoreVariablesAfterMain(runtime)
    return log
  } finally {
    useLogSink(previous)
  }
}

/** The harness's virtual time, which stands still for the step once frozen (a killed process does nothing). */
class FreezableClock implements Clock {
  frozen = false
  private thawed: Promise<void> = Promise.resolve()
  private release: () => void = () => undefined

  constructor(private readonly time: Clock) {}

  now = (): number => this.time.now()

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    await this.thawed
    return this.time.sleep(ms, signal)
  }

  freeze(): void {
    if (this.frozen) return
    this.frozen = true
    this.thawed = new Promise((resolve) => (this.release = resolve))
  }

  thaw(): void {
    this.release()
  }
}
