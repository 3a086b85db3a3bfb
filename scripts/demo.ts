/**
 * `npm run demo`: the whole product, offline. Starts the built-in Autify, GitHub and Testify
 * simulators and runs the bundled action (`node dist/index.js`) against them exactly as the Actions
 * runner does.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import { DEMO_HISTORY } from '../simulator/autify/world.js'
import { DEMO_PULL_REQUEST, seedBaseBranch } from '../simulator/demo-pull-request.js'
import { GitHubSimulator } from '../simulator/github/github-simulator.js'
import { type ActionRun, neutralEcho, runAction } from '../simulator/run-action.js'
import { TestifySimulator } from '../simulator/testify/testify-simulator.js'
import { CHECK_TYPES } from '../src/testify/wire.js'

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

async function main(): Promise<void> {
  // The runs' workspaces and runner files go under one folder, removed at the end.
  const scratch = mkdtempSync(path.join(tmpdir(), 'autify-action-demo-'))
  process.env.AUTIFY_ACTION_TEMP_ROOT = scratch
  try {
    await demo()
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

async function demo(): Promise<void> {
  const autify = await new AutifySimulator().start()
  // What the sign-in scenario exports (Autify's `export_variables`), for the `exported-variables` output.
  autify.world.scenarios[91437].exports = { TEST_USER: 'demo-user-17@example.com', ORDER_ID: 'ORD-1042' }
  const scheduledPlan = 169408
  const github = await new GitHubSimulator().start()
  // Three earlier runs of the test plan on main, each with its check run: the base branch the pull
  // request's failures are judged against.
  seedBaseBranch(autify, github)
  const testify = await new TestifySimulator().start()
  const plan = autify.world.testPlans[DEMO_HISTORY.testPlanId]
  const scenario = autify.world.scenarios[91437]
  console.log(
    bold(
      `Five runs of the bundled action (node dist/index.js), started as the Actions runner starts it, against simulated Autify, GitHub and Testify APIs on localhost: scenario '${scenario.name}', then test plan '${plan.name}' twice on a pull request, then the scenario through an Autify Connect Client, then the latest run of a test plan that Autify's own schedule started.`
    )
  )
  const common = {
    'access-token': autify.world.token,
    'autify-api-url': autify.apiUrl,
    'github-token': github.token,
    interval: '2'
  }
  const env = { GITHUB_API_URL: github.apiUrl }
  const pullRequest = DEMO_PULL_REQUEST
  // The runner's tool cache, where the Autify Connect Client is kept: a fresh one, removed at the end.
  const toolCache = mkdtempSync(path.join(tmpdir(), 'autify-demo-tool-cache-'))
  try {
    console.log(bold(`\n▶ 1. Scenario '${scenario.name}' (91437), by its URL`))
    const first = await runAction({ inputs: { ...common, 'autify-test-url': 'https://app.autify.com/projects/743/scenarios/91437' }, env })
    printRun(first, github)

    console.log(
      bold(
        `\n▶ 2. Test plan '${plan.name}' (${plan.scenarioIds.length} scenarios on Chrome and Edge) on pull request #42, with one retry, a URL replacement, JUnit, Testify and a comment`
      )
    )
    const second = await runAction({
      ...pullRequest,
      inputs: {
        ...common,
        'project-id': '743',
        'test-plan-id': String(DEMO_HISTORY.testPlanId),
        'max-retry-count': '1',
        'pr-comment': 'always',
        'url-replacements': 'https://shop.example.com https://pr-42.shop.example.com',
        'junit-report': 'reports/autify-junit.xml',
        'testify-api-key': testify.world.secret,
        'testify-subject': testify.world.subject,
        'testify-tenant': testify.world.tenant,
        'testify-api-url': testify.apiUrl,
        'testify-checklist-template': 'checkout-regression'
      },
      env
    })
    printRun(second, github, true)

    console.log(bold(`\n▶ 3. Test plan '${plan.name}' again on the pull request, with fail-on: new and test plan variables`))
    const before = autify.variables.valuesOf(DEMO_HISTORY.testPlanId)
    const third = await runAction({
      ...pullRequest,
      inputs: {
        ...common,
        'project-id': '743',
        'test-plan-id': String(DEMO_HISTORY.testPlanId),
        'pr-comment': 'always',
        'fail-on': 'new',
        'test-plan-variables': 'BASE_URL=https://pr-42.shop.example.com\nORDER_EMAIL=pr-42-buyer@shop.example.com'
      },
      env
    })
    printRun(third, github)
    printVariables(
      before,
      autify.started.get(Number(third.outputs['result-id']))?.variables ?? {},
      autify.variables.valuesOf(DEMO_HISTORY.testPlanId)
    )

    console.log(
      bold(
        `\n▶ 4. Scenario '${scenario.name}' again, against the app running in the job, through an Autify Connect Client (a fake one the simulator serves)`
      )
    )
    const fourth = await runAction({
      inputs: {
        ...common,
        'autify-test-url': 'https://app.autify.com/projects/743/scenarios/91437',
        'autify-connect-client': 'true',
        'autify-connect-client-download-url': autify.connectClientDownloadUrl
      },
      env: { ...env, RUNNER_TOOL_CACHE: toolCache }
    })
    printRun(fourth, github)

    console.log(
      bold(
        `\n▶ 5. Autify's own schedule starts test plan ${scheduledPlan}; the action reports its latest result (autify-result-url: latest), starting nothing`
      )
    )
    autify.runOnSchedule(scheduledPlan)
    const startsBefore = startRequests(autify)
    const fifth = await runAction({
      inputs: { ...common, 'autify-result-url': 'latest', 'project-id': '743', 'test-plan-id': String(scheduledPlan) },
      env
    })
    printRun(fifth, github)
    console.log(`  Start requests it sent to Autify: ${startRequests(autify) - startsBefore}`)
    console.log(`  exported-variables: ${fifth.outputs['exported-variables']}`)

    console.log(bold('\n━━ Run 2: the job summary it wrote (GITHUB_STEP_SUMMARY), as Markdown ━━'))
    console.log(second.summary.trimEnd())
    console.log(bold('\n━━ Run 2: its `summary` output, ready to forward to a chat ━━'))
    console.log(second.outputs.summary)
    printTestify(testify)
    for (const comment of github.comments) {
      const heading = comment.body.split('\n').find((line) => line.startsWith('## ')) ?? ''
      console.log(bold(`━━ Comment on pull request #${comment.issue_number}, written by run 2, edited in place by run 3 ━━`))
      console.log(`  ${heading.replace(/^## /, '')}`)
    }
    console.log(closing(second, third, fourth, autify.connect.accessPoints.size))
  } finally {
    rmSync(toolCache, { recursive: true, force: true })
    await autify.close()
    await github.close()
    await testify.close()
  }
}

/** What the simulated Autify held: the plan's variables before run 3, while it ran, and after (the simulator's record). */
function printVariables(before: Record<string, string>, during: Record<string, string>, after: Record<string, string>): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(during)])]
  const show = (values: Record<string, string>, key: string) => (key in values ? values[key] : '(none)')
  console.log(bold('  Test plan variables in the simulated Autify (before → while run 3 ran → after):'))
  for (const key of keys) console.log(`    ${key}: ${show(before, key)} → ${show(during, key)} → ${show(after, key)}`)
}

/**
 * The action's log as the job's page shows it (no mask or debug commands, a group folded to one
 * line), then its verdict, exit code, outputs and check run, its annotations when `annotations`.
 */
function printRun(run: ActionRun, github: GitHubSimulator, annotations = false): void {
  let group: { name: string; lines: number } | null = null
  for (const line of run.stdout.split('\n')) {
    if (!line || line.startsWith('::add-mask::') || line.startsWith('::debug::')) continue
    if (line.startsWith('::group::')) group = { name: line.slice('::group::'.length), lines: 0 }
    else if (line.startsWith('::endgroup::') && group) {
      console.log(`  ▸ ${group.name} (${group.lines} lines, folded)`)
      group = null
    } else if (group) group.lines++
    else console.log(`  ${asJobPageShows(line)}`)
  }
  const { outputs } = run
  const counts = ['total', 'passed', 'failed', 'flaky', 'new-failures', 'credits-consumed', 'duration-seconds']
    .filter((key) => outputs[key] !== undefined)
    .map((key) => `${key}=${outputs[key]}`)
  console.log(
    bold(`→ the step ${run.exitCode === 0 ? 'passed' : 'failed'} (exit code ${run.exitCode}); Autify status ${outputs.status}`) +
      `: ${counts.join(' ')}`
  )
  const check = github.checkRuns.find((c) => c.external_id === outputs['result-id'])
  if (check) {
    const levels = ['failure', 'warning', 'notice']
      .map((level) => [level, check.annotations.filter((a) => a.annotation_level === level).length] as const)
      .filter(([, n]) => n > 0)
      .map(([level, n]) => `${n} ${level}`)
    console.log(
      `  Check run '${check.name}': ${check.conclusion}, annotations: ${levels.join(', ') || 'none (passes only with annotate-passes)'}`
    )
    if (annotations) for (const a of check.annotations) console.log(`    [${a.annotation_level}] ${a.title}`)
  }
}

/** Requests that start a run in Autify (scenarios or a test plan). */
function startRequests(autify: AutifySimulator): number {
  return autify.requests.filter((r) => r.method === 'POST' && /\/(execute_scenarios|schedules\/\d+)$/.test(r.path)).length
}

/** A workflow command as the job's page shows it (`::warning::x` is `Warning: x`), never one the runner would act on. */
function asJobPageShows(line: string): string {
  const command = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/.exec(line)
  if (!command) return neutralEcho(line)
  const data = command[2].replace(/%0D/g, '').replace(/%0A/g, ' ').replace(/%25/g, '%')
  return neutralEcho(`${command[1][0].toUpperCase()}${command[1].slice(1)}: ${data}`)
}

/** What runs 2 to 4 showed, read from their outputs and from the simulated Autify. */
function closing(second: ActionRun, third: ActionRun, fourth: ActionRun, accessPointsLeft: number): string {
  type Case = { scenario_name: string; status: string; flaky: boolean; history: { kind: string } | null }
  const casesOf = (run: ActionRun) => JSON.parse(run.outputs['test-case-results']) as Case[]
  const names = (run: ActionRun, pick: (c: Case) => boolean) =>
    [
      ...new Set(
        casesOf(run)
          .filter(pick)
          .map((c) => `'${c.scenario_name}'`)
      )
    ].join(' and ') || 'nothing'
  const failed = (c: Case) => c.status === 'failed' || c.status === 'internal_error'
  const isNew = (c: Case) => failed(c) && c.history?.kind === 'new'
  const isKnown = (c: Case) => failed(c) && !!c.history && c.history.kind !== 'new'
  const step = (run: ActionRun) => `${run.exitCode === 0 ? 'passed' : 'failed'} the step (exit code ${run.exitCode})`
  return [
    `Run 2 ${step(second)}: ${second.outputs.failed} of ${second.outputs.total} test cases failed; compared with the base branch (main), ${names(second, isNew)} failed for the first time (new), ${names(second, isKnown)} fails on main too (known), and ${names(second, (c) => c.flaky)} failed once and passed on the retry (flaky).`,
    `Run 3 ${step(third)} with fail-on: new (new-failures=${third.outputs['new-failures']}): ${names(third, isNew)} still counts as new, because it passed on main (run 2, the pull request's own earlier push, does not make it known); ${names(third, isKnown)} is known from main and only warns.`,
    `Run 4 ${step(fourth)} through the Autify Connect Client and left ${accessPointsLeft} access points in Autify.`
  ].join('\n')
}

/** Every checklist the Testify simulator holds, one line per check: its result, or that it is open. */
function printTestify(testify: TestifySimulator): void {
  for (const checklist of testify.checklists.values()) {
    console.log(bold(`━━ Testify checklist '${checklist.externalId}' on test object '${checklist.testObject.externalId}' ━━`))
    for (const check of checklist.checks) {
      const type = CHECK_TYPES[check.spec.type] ?? check.spec.type
      const value = check.result ? String(check.result.value).split('\n')[0].split(' · ')[0] : 'open'
      console.log(`  ${check.spec.identifier} (${type}): ${value}`)
    }
  }
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
