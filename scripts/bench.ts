/**
 * `npm run bench`: how soon users learn the outcome, what waiting costs in API calls, how fast the
 * action starts, and how it scales. Prints tables of figures; nothing here is a pass/fail test.
 *
 * Waiting is measured on a virtual clock shared by the Autify simulator and the poller, so a
 * 10-minute run takes a moment while every request still goes over loopback HTTP: time only
 * moves when a poller sleeps, and a request takes no virtual time.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_CAPABILITY } from '../src/autify/capabilities.js'
import { AutifyClient } from '../src/autify/client.js'
import { executeRun } from '../src/autify/execute-run.js'
import { realClock } from '../src/util/clock.js'
import { ScenarioNames } from '../src/autify/scenario-names.js'
import type { ApiResult } from '../src/autify/api-types.js'
import { isFinished } from '../src/autify/wait.js'
import { toAnnotations } from '../src/report/annotations.js'
import { renderCheckOutput } from '../src/report/check-output.js'
import { renderJUnit } from '../src/report/junit.js'
import { outputText, runOutputs } from '../src/report/outputs.js'
import { renderJobSummary } from '../src/report/summary.js'
import type { Settings } from '../src/settings/settings.js'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import type { AutifyWorld, ScenarioSpec } from '../simulator/autify/world.js'
import { GitHubSimulator } from '../simulator/github/github-simulator.js'
import { ACTION_ENTRY, repositoryRoot, runAction } from '../simulator/run-action.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { bigReport } from '../simulator/sample-reports.js'

const TOKEN = 'bench-token'

/** The inputs of a run of scenarios 1 and 2, polled every 5 s, reporting to the simulated GitHub. */
const twoScenarioInputs = (autify: AutifySimulator) => ({
  'access-token': TOKEN,
  'autify-api-url': autify.apiUrl,
  'github-token': 'gh-bench',
  'project-id': '743',
  'scenario-ids': '1,2',
  interval: '5'
})

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(2)} s`)

function table(headers: string[], rows: (string | number)[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells: (string | number)[]) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`
  console.log(line(headers))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const row of rows) console.log(line(row))
  console.log()
}

// ── 1. Waiting: requests and finish-to-exit delay ───────────────────────────────────────────────

interface RunShape {
  label: string
  /** A test plan (PLAN) or a scenario run of every scenario in the world. */
  kind: 'plan' | 'scenarios'
  intervalSeconds: number
  world: Partial<AutifyWorld>
}

const PLAN = 500
function plan(scenarios: number, durationMs: number, parallelism: number, queueMs: number, waitingMs: number): Partial<AutifyWorld> {
  const specs: Record<number, ScenarioSpec> = {}
  for (let i = 0; i < scenarios; i++) specs[7000 + i] = { name: `Journey ${i + 1}`, durationMs }
  return {
    token: TOKEN,
    scenarios: specs,
    testPlans: {
      [PLAN]: { name: 'Bench plan', scenarioIds: Object.keys(specs).map(Number), capabilities: [{ os: 'Linux', browser: 'Chrome' }] }
    },
    queueMs,
    waitingMs,
    parallelism,
    durationJitter: 0.02
  }
}

/** The same world with every scenario failing, in this run and the earlier ones. */
function failing(world: Partial<AutifyWorld>): Partial<AutifyWorld> {
  const scenarios = Object.fromEntries(
    Object.entries(world.scenarios ?? {}).map(([id, spec]) => [id, { ...spec, outcomes: ['failed' as const] }])
  )
  return { ...world, scenarios }
}

const SHAPES: RunShape[] = [
  { label: '5 s run', kind: 'plan', intervalSeconds: 5, world: plan(1, 3900, 1, 1000, 500) },
  { label: '60 s run', kind: 'plan', intervalSeconds: 30, world: plan(1, 58_500, 1, 2000, 1000) },
  { label: '10 min run', kind: 'plan', intervalSeconds: 30, world: plan(20, 59_300, 2, 4000, 4000) },
  { label: '6.5 s scenario run', kind: 'scenarios', intervalSeconds: 5, world: plan(1, 5000, 1, 1000, 500) },
  { label: '60 s scenario run', kind: 'scenarios', intervalSeconds: 30, world: plan(1, 57_000, 1, 2000, 1000) },
  // A failure reads the failure history too: the earlier results, next to the list read for the prediction.
  { label: '60 s run, failing', kind: 'plan', intervalSeconds: 30, world: failing(plan(1, 58_500, 1, 2000, 1000)) },
  { label: '60 s scenario run, failing', kind: 'scenarios', intervalSeconds: 30, world: failing(plan(1, 57_000, 1, 2000, 1000)) }
]

type Poller = 'fixed 1 s' | 'fixed interval' | 'adaptive' | 'adaptive, no history'

async function measureWait(shape: RunShape, poller: Poller, trials: number): Promise<{ requests: number; extra: number; delay: number }> {
  const requests: number[] = []
  const extras: number[] = []
  const delays: number[] = []
  for (let trial = 0; trial < trials; trial++) {
    const clock = new VirtualClock()
    const sim = await new AutifySimulator(shape.world, { now: clock.now, seed: 1000 + trial }).start()
    const scenarioIds = Object.keys(shape.world.scenarios ?? {}).map(Number)
    if (poller !== 'adaptive, no history') {
      if (shape.kind === 'plan') sim.seedHistory(PLAN, 5)
      else sim.seedScenarioRuns(scenarioIds, 5)
    }
    const client = new AutifyClient({ apiUrl: sim.apiUrl, accessToken: TOKEN, clock, wall: realClock })
    const before = sim.requests.length
    let resultId: number
    let observedAt: number
    if (poller === 'fixed 1 s' || poller === 'fixed interval') {
      const gap = poller === 'fixed 1 s' ? 1000 : shape.intervalSeconds * 1000
      resultId =
        shape.kind === 'plan'
          ? await client.executeSchedule(743, PLAN, {})
          : await client.executeScenarios(743, { scenarios: scenarioIds.map((id) => ({ id })), capabilities: [DEFAULT_CAPABILITY] })
      let result: ApiResult
      do {
        await clock.sleep(gap)
        result = await client.describeResult(743, resultId)
      } while (!isFinished(result))
      observedAt = clock.now()
    } else {
      const settings = benchSettings(sim.apiUrl, shape.intervalSeconds)
      if (shape.kind === 'scenarios') settings.target = { kind: 'scenarios', projectId: 743, scenarioIds }
      let lastSeen = 0
      const report = await executeRun(
        settings,
        { client, names: new ScenarioNames(client, 743), clock, wall: realClock, signal: new AbortController().signal },
        { info: () => undefined, warn: () => undefined, onStarted: () => undefined, onProgress: () => (lastSeen = clock.now()) }
      )
      resultId = report.resultId
      observedAt = lastSeen
    }
    const calls = sim.requests.slice(before)
    const polls = calls.filter((r) => r.path === `/api/v1/projects/743/results/${resultId}`).length
    requests.push(polls)
    // The results list (the first poll, which also gives the history) and earlier runs' details.
    extras.push(
      calls.filter((r) => r.path.startsWith('/api/v1/projects/743/results') && r.path !== `/api/v1/projects/743/results/${resultId}`).length
    )
    delays.push(observedAt - (sim.endOf(resultId) ?? observedAt))
    client.dispose()
    await sim.close()
  }
  return { requests: median(requests), extra: median(extras), delay: median(delays) }
}

function benchSettings(apiUrl: string, intervalSeconds: number): Settings {
  return {
    accessToken: TOKEN,
    apiUrl,
    webUrl: new URL(apiUrl).origin,
    target: { kind: 'test-plan', projectId: 743, testPlanId: PLAN },
    capabilities: { kind: 'default' },
    executionType: null,
    executionName: null,
    autifyConnect: null,
    connectClient: null,
    urlReplacements: [],
    planVariables: [],
    wait: true,
    timeoutMs: 3_600_000,
    intervalMs: intervalSeconds * 1000,
    maxRetryCount: 0,
    failOn: 'any',
    github: {
      token: null,
      checkName: 'Autify',
      annotations: 'none',
      jobSummary: false,
      prComment: 'off',
      annotatePasses: false,
      listTests: 'failures',
      pullRequest: null
    },
    junitReport: null,
    testify: null
  }
}

async function benchWaiting(): Promise<void> {
  console.log('## Waiting for the result (virtual clock; test case durations vary ±2 % per run; median of 9 runs)\n')
  const rows: (string | number)[][] = []
  // `npm run bench waiting failing`: only the runs whose label holds `failing`.
  const only = process.argv[3]
  for (const shape of SHAPES.filter((s) => !only || s.label.includes(only))) {
    const results = new Map<Poller, Awaited<ReturnType<typeof measureWait>>>()
    for (const poller of ['fixed 1 s', 'fixed interval', 'adaptive', 'adaptive, no history'] as Poller[]) {
      results.set(poller, await measureWait(shape, poller, 9))
    }
    const oneSecond = results.get('fixed 1 s')!
    for (const [poller, r] of results) {
      rows.push([
        shape.label,
        `${poller}${poller === 'fixed interval' || poller.startsWith('adaptive') ? ` (${shape.intervalSeconds} s)` : ''}`,
        r.requests,
        r.extra,
        r.requests + r.extra,
        `${((100 * (r.requests + r.extra)) / (oneSecond.requests + oneSecond.extra)).toFixed(0)} %`,
        fmt(r.delay)
      ])
    }
  }
  table(
    [
      'run',
      'poller (interval)',
      'reads of the result',
      'reads of the plan’s results list',
      'requests',
      'vs 1 s poller',
      'finish → seen (median)'
    ],
    rows
  )

  console.log(
    'The same 5 s test plan in real time, the whole action (`node dist/index.js`, interval 5 s, 5 earlier runs in the history):\n'
  )
  const real: (string | number)[][] = []
  for (let trial = 0; trial < 3; trial++) {
    const sim = await new AutifySimulator(SHAPES[0].world, { seed: 2000 + trial }).start()
    sim.seedHistory(PLAN, 5)
    const run = await runAction({
      inputs: {
        'access-token': TOKEN,
        'autify-api-url': sim.apiUrl,
        'project-id': '743',
        'test-plan-id': String(PLAN),
        annotations: 'none'
      }
    })
    const exitedAt = Date.now()
    const finishedAt = sim.endOf(Number(run.outputs['result-id']))!
    const reads = sim.requests.filter((r) => r.method === 'GET' && r.path.includes('/results')).length
    real.push([trial + 1, reads, fmt(exitedAt - finishedAt), `exit code ${run.exitCode}`])
    await sim.close()
  }
  table(['trial', 'reads of results', 'run finished → process exited', 'step'], real)
}

// ── 2. Feedback: a failure's annotation while the run goes on (real time, dist/index.js) ─────────

async function benchFeedback(): Promise<void> {
  console.log('## A failing test case reaches the check run while the run goes on (real time, `node dist/index.js`, interval 5 s)\n')
  const rows: (string | number)[][] = []
  for (let trial = 0; trial < 3; trial++) {
    const autify = await new AutifySimulator({
      token: TOKEN,
      queueMs: 500,
      waitingMs: 300,
      scenarios: { 1: { name: 'Fails fast', durationMs: 2000, outcomes: ['failed'] }, 2: { name: 'Long', durationMs: 14_000 } }
    }).start()
    const github = await new GitHubSimulator({ token: 'gh-bench' }).start()
    const run = await runAction({
      inputs: twoScenarioInputs(autify),
      env: { GITHUB_API_URL: github.apiUrl }
    })
    const sim = autify.runs[0]
    const failedAt = sim.createdAt + sim.queueMs + sim.waitingMs + 2000
    const patch = github.requests.find(
      (r) =>
        r.method === 'PATCH' &&
        ((r.body as { output?: { annotations?: { annotation_level: string }[] } })?.output?.annotations ?? []).some(
          (a) => a.annotation_level === 'failure'
        )
    )
    const endAt = autify.endOf(sim.id)!
    rows.push([trial + 1, patch ? fmt(patch.at - failedAt) : 'none', fmt(endAt - failedAt), `exit code ${run.exitCode}`])
    await autify.close()
    await github.close()
  }
  table(['trial', 'failure → its annotation at GitHub', 'failure → end of the run', 'step'], rows)
}

// ── 2b. The baseline: GitHub requests and the first failure annotation ─────────────────────────

const BASE_SHA = '2a'.repeat(20)
const HEAD_SHA = '4a'.repeat(20)
/** Commits on the base branch before the base commit, newest first. */
const BASE_LINE = Array.from({ length: 12 }, (_, i) => (0x50 + i).toString(16).repeat(20))

interface BaselineCase {
  label: string
  /** Scenario 1 fails (2 s in) unless the run passes; scenario 2 takes 6 s. */
  fails: boolean
  /** Runs of this check (same app) on the base commit, and on the commit just before it. */
  onBase: number
  onPredecessor: number
}

const BASELINE_CASES: BaselineCase[] = [
  { label: 'clean pass', fails: false, onBase: 1, onPredecessor: 0 },
  { label: 'failure; 5 runs on the base commit', fails: true, onBase: 5, onPredecessor: 0 },
  { label: 'failure; 1 run on the base commit, 4 on the one before', fails: true, onBase: 1, onPredecessor: 4 },
  { label: 'failure; no run on the base branch (fallback)', fails: true, onBase: 0, onPredecessor: 0 }
]

/** One pull-request run against a base branch shaped by `shape`: GitHub requests for the baseline, failure → annotation. */
async function measureBaseline(
  shape: BaselineCase,
  entry: string
): Promise<{ requests: number; annotationMs: number | null; exit: number | null }> {
  // The fallback compares with Autify's latest runs: there are always 5.
  const earlier = Math.max(5, shape.onBase + shape.onPredecessor)
  const autify = await new AutifySimulator({
    token: TOKEN,
    queueMs: 500,
    waitingMs: 300,
    scenarios: {
      1: {
        name: 'Fails fast',
        durationMs: 2000,
        // Passed in every earlier run; fails (or passes) in this one.
        outcomes: [...Array<'passed'>(earlier).fill('passed'), shape.fails ? 'failed' : 'passed']
      },
      2: { name: 'Long', durationMs: 6000 }
    }
  }).start()
  const github = await new GitHubSimulator({ token: 'gh-bench' }).start()
  github.addCommits([BASE_SHA, ...BASE_LINE])
  autify.seedScenarioRuns([1, 2], earlier)
  const seeded = autify.runs.map((r) => r.id).reverse()
  seeded
    .slice(0, shape.onBase + shape.onPredecessor)
    .forEach((id, i) =>
      github.seedCheckRun({ name: 'Autify', head_sha: i < shape.onBase ? BASE_SHA : BASE_LINE[0], external_id: String(id) })
    )
  const run = await runAction({
    entry,
    inputs: twoScenarioInputs(autify),
    eventName: 'pull_request',
    event: { pull_request: { number: 7, head: { sha: HEAD_SHA, ref: 'feature' }, base: { sha: BASE_SHA, ref: 'main' } } },
    env: { GITHUB_API_URL: github.apiUrl }
  })
  const sim = autify.runs.at(-1)!
  const failedAt = sim.createdAt + sim.queueMs + sim.waitingMs + 2000
  const patch = github.requests.find(
    (r) =>
      r.method === 'PATCH' &&
      ((r.body as { output?: { annotations?: { annotation_level: string }[] } })?.output?.annotations ?? []).some(
        (a) => a.annotation_level !== 'notice'
      )
  )
  const requests = github.requests.filter((r) => r.method === 'GET' && r.path.includes('/commits') && !r.path.includes(HEAD_SHA)).length
  await autify.close()
  await github.close()
  return { requests, annotationMs: shape.fails && patch ? patch.at - failedAt : null, exit: run.exitCode }
}

/**
 * `npm run bench baseline [path/to/earlier/index.js]`: the GitHub requests the baseline costs per
 * run, and how soon a failure's annotation reaches the check run, for the bundle (`ACTION_ENTRY`,
 * else `dist/index.js`: run `npm run build` first) and, when given, an earlier one (which compared
 * with Autify's latest runs only).
 */
async function benchBaseline(): Promise<void> {
  console.log(
    '## The baseline: GitHub requests per run, failure → its annotation (real time, a pull-request run, interval 5 s, median of 3)\n'
  )
  const before = process.argv[3]
  const entries: [string, string][] = [
    ['this bundle', ACTION_ENTRY],
    ...(before ? ([['earlier bundle', before]] as [string, string][]) : [])
  ]
  const rows: (string | number)[][] = []
  for (const shape of BASELINE_CASES) {
    for (const [label, entry] of entries) {
      const trials = []
      for (let trial = 0; trial < 3; trial++) trials.push(await measureBaseline(shape, entry))
      const annotated = trials.flatMap((t) => (t.annotationMs === null ? [] : [t.annotationMs]))
      rows.push([
        shape.label,
        label,
        median(trials.map((t) => t.requests)),
        annotated.length ? fmt(median(annotated)) : '—',
        trials.map((t) => t.exit).join(', ')
      ])
    }
  }
  table(['base branch', 'bundle', 'GitHub requests for the baseline', 'failure → its annotation', 'exit codes'], rows)
}

// ── 3. Cold start and bundle ─────────────────────────────────────────────────────────────────────

async function benchColdStart(): Promise<void> {
  console.log('## Cold start: process start → first Autify request (`node dist/index.js`, 15 runs)\n')
  const autify = await new AutifySimulator({ token: TOKEN }).start()
  const firsts: number[] = []
  for (let i = 0; i < 15; i++) {
    const before = autify.requests.length
    const started = Date.now()
    const child = spawn(process.execPath, [ACTION_ENTRY], {
      env: {
        PATH: process.env.PATH,
        'INPUT_ACCESS-TOKEN': TOKEN,
        'INPUT_AUTIFY-API-URL': autify.apiUrl,
        'INPUT_AUTIFY-TEST-URL': 'https://app.autify.com/projects/743/scenarios/91437',
        INPUT_WAIT: 'false',
        INPUT_ANNOTATIONS: 'none'
      },
      stdio: 'ignore'
    })
    await new Promise((resolve) => child.on('close', resolve))
    firsts.push(autify.requests[before].at - started)
  }
  await autify.close()
  const dist = path.join(repositoryRoot(), 'dist')
  const sizes = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => `${f} ${(statSync(path.join(dist, f)).size / 1024).toFixed(0)} KiB`)
  table(
    ['min', 'median', 'max', 'bundle (loaded at start: index.js; the rest only when reporting)'],
    [[`${Math.min(...firsts)} ms`, `${median(firsts)} ms`, `${Math.max(...firsts)} ms`, sizes.join(', ')]]
  )
}

// ── 4. Scale: 10,000 test case results over 5 capabilities ──────────────────────────────────────

async function benchScale(): Promise<void> {
  console.log('## Scale: 10,000 test case results over 5 capabilities\n')
  const report = bigReport(10_000)
  const rssBefore = process.memoryUsage().rss
  const timings: [string, number, string][] = []
  const time = (label: string, fn: () => string | unknown[]) => {
    const started = performance.now()
    const out = fn()
    const size = typeof out === 'string' ? `${(Buffer.byteLength(out) / 1024).toFixed(0)} KiB` : `${out.length} items`
    timings.push([label, performance.now() - started, size])
  }
  time('job summary (Markdown)', () => renderJobSummary(report))
  time('check run output', () => JSON.stringify(renderCheckOutput(report, null)))
  time('annotations', () => toAnnotations(report, { path: '.github/workflows/e2e.yml', line: 1 }, { annotatePasses: true }))
  time('JUnit XML', () => renderJUnit(report))
  time('outputs', () =>
    Object.values(runOutputs(report))
      .map((value) => outputText(value ?? ''))
      .join('')
  )
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0)
  table(
    ['rendering (in process)', 'time', 'size'],
    [
      ...timings.map(([l, ms, s]) => [l, `${ms.toFixed(0)} ms`, s]),
      ['all of it', `${total.toFixed(0)} ms`, `RSS +${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(0)} MiB`]
    ]
  )

  // The whole action on a 10,000-result test plan: 2,000 scenarios on 5 capabilities.
  const scenarios: Record<number, ScenarioSpec> = {}
  for (let i = 0; i < 2000; i++)
    scenarios[100_000 + i] = { name: `Checkout journey ${i}`, durationMs: 300, outcomes: i % 50 === 0 ? ['failed'] : ['passed'] }
  const autify = await new AutifySimulator({
    token: TOKEN,
    scenarios,
    queueMs: 200,
    waitingMs: 200,
    parallelism: 2000,
    testPlans: {
      9: {
        name: 'Full regression',
        scenarioIds: Object.keys(scenarios).map(Number),
        capabilities: [
          { os: 'Linux', browser: 'Chrome' },
          { os: 'Windows', os_version: '11', browser: 'Edge' },
          { os: 'OS X', browser: 'Safari' },
          { os: 'Android', os_version: '13.0', device: 'Google Pixel 7' },
          { os: 'iOS', os_version: '18', device: 'iPhone 16' }
        ]
      }
    }
  }).start()
  const github = await new GitHubSimulator({ token: 'gh-bench' }).start()
  const run = await runAction({
    inputs: {
      'access-token': TOKEN,
      'autify-api-url': autify.apiUrl,
      'github-token': 'gh-bench',
      'project-id': '743',
      'test-plan-id': '9',
      interval: '1',
      'junit-report': 'junit.xml'
    },
    env: {
      GITHUB_API_URL: github.apiUrl,
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent('process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))')}`
    }
  })
  const end = autify.endOf(autify.runs[0].id)!
  const nameCalls = autify.requests.filter((r) => r.path.startsWith('/api/v1/projects/743/scenarios')).length
  const maxRss = Number(/maxrss=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024
  const check = github.checkRuns[0]
  table(
    ['whole action, 10,000 results', 'value'],
    [
      ['step exit code (failures expected)', String(run.exitCode)],
      ['run finished → process exited', fmt(run.durationMs - (end - autify.runs[0].createdAt))],
      ['peak memory of the process (max RSS)', `${maxRss.toFixed(0)} MiB`],
      ['scenario-name requests for 2,000 scenarios', `${nameCalls} (paged list)`],
      ['job summary size', `${(Buffer.byteLength(run.summary) / 1024).toFixed(0)} KiB`],
      [
        'check run annotations / PATCH requests',
        `${check?.annotations.length ?? 0} / ${github.requests.filter((r) => r.method === 'PATCH').length}`
      ]
    ]
  )
  await autify.close()
  await github.close()
}

// ── 5. Autify Connect Client: step start → client ready ─────────────────────────────────────────

async function benchConnectClient(): Promise<void> {
  console.log('## Autify Connect Client: step start → client ready (the fake client, ready as soon as it connects; 7 runs each)\n')
  const autify = await new AutifySimulator({ token: TOKEN, queueMs: 50, waitingMs: 50, defaultDurationMs: 100 }).start()
  autify.connect.behaviour = { mode: 'normal', readyAfterMs: 0 }
  const measure = async (toolCache: string): Promise<{ installed: number; ready: number }> => {
    let readyAt = 0
    let installedAt = 0
    let started = 0
    const run = await runAction({
      inputs: {
        'access-token': TOKEN,
        'autify-api-url': autify.apiUrl,
        'autify-test-url': 'https://app.autify.com/projects/743/scenarios/91437',
        'autify-connect-client': 'true',
        'autify-connect-client-download-url': autify.connectClientDownloadUrl,
        annotations: 'none',
        interval: '0.2'
      },
      env: { RUNNER_TOOL_CACHE: toolCache },
      onSpawn: (child) => {
        started = Date.now()
        let text = ''
        child.stdout?.on('data', (chunk: Buffer) => {
          text += chunk
          if (!installedAt && text.includes('Autify Connect Client: Autify Connect version')) installedAt = Date.now()
          if (!readyAt && text.includes('Autify Connect Client is ready')) readyAt = Date.now()
        })
      }
    })
    if (run.exitCode !== 0 || !readyAt) throw new Error(`The run through the client failed:\n${run.stdout}`)
    return { installed: installedAt - started, ready: readyAt - started }
  }
  const cold: { installed: number; ready: number }[] = []
  const cached: { installed: number; ready: number }[] = []
  for (let i = 0; i < 7; i++) {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'bench-tool-cache-'))
    try {
      cold.push(await measure(toolCache))
      cached.push(await measure(toolCache))
    } finally {
      rmSync(toolCache, { recursive: true, force: true })
    }
  }
  await autify.close()
  const row = (label: string, runs: { installed: number; ready: number }[]) => {
    const ready = runs.map((r) => r.ready)
    return [label, `${median(runs.map((r) => r.installed))} ms`, `${median(ready)} ms`, `${Math.min(...ready)}–${Math.max(...ready)} ms`]
  }
  table(
    ['client', 'installed and checked (median)', 'ready (median)', 'ready (range)'],
    [row('cold: empty tool cache (download, extract, version check, cache)', cold), row('from the tool cache', cached)]
  )
}

async function main(): Promise<void> {
  const only = process.argv[2]
  if (!only || only === 'waiting') await benchWaiting()
  if (!only || only === 'feedback') await benchFeedback()
  if (!only || only === 'baseline') await benchBaseline()
  if (!only || only === 'cold-start') await benchColdStart()
  if (!only || only === 'scale') await benchScale()
  if (!only || only === 'connect-client') await benchConnectClient()
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
