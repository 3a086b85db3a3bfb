/**
 * `npm run demo`: the whole product, offline. Starts the built-in Autify, GitHub and Testify
 * simulators and runs the bundled action (`node dist/index.js`) against them exactly as the Actions
 * runner does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import { DEMO_HISTORY } from '../simulator/autify/world.js'
import { GitHubSimulator } from '../simulator/github/github-simulator.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
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
  // Three earlier runs of the test plan, so its failures can be told new from known.
  autify.seedHistory(DEMO_HISTORY.testPlanId, DEMO_HISTORY.runs, { outcomes: true })
  const github = await new GitHubSimulator().start()
  const testify = await new TestifySimulator().start()
  console.log(bold(`Autify simulator: ${autify.apiUrl}   GitHub API simulator: ${github.apiUrl}   Testify simulator: ${testify.apiUrl}`))
  const common = {
    'access-token': autify.world.token,
    'autify-api-url': autify.apiUrl,
    'github-token': github.token,
    interval: '2'
  }
  const env = { GITHUB_API_URL: github.apiUrl }
  // The runner's tool cache, where the Autify Connect Client is kept: a fresh one, removed at the end.
  const toolCache = mkdtempSync(path.join(tmpdir(), 'autify-demo-tool-cache-'))
  try {
    const runs: [string, ActionRun][] = []
    console.log(bold('\n▶ 1. A scenario, by URL (the recorded scenario 91437)\n'))
    runs.push([
      'scenario',
      await runAction({
        inputs: { ...common, 'autify-test-url': `https://app.autify.com/projects/743/scenarios/91437` },
        env,
        echo: true
      })
    ])
    console.log(
      bold(
        '\n▶ 2. A test plan of 6 scenarios on 2 browsers on pull request #42: a new failure, a known one, a flaky pass; a retry, URL replacement, JUnit, Testify and a PR comment\n'
      )
    )
    const pullRequest = {
      eventName: 'pull_request',
      event: { pull_request: { number: 42, head: { sha: '4242424242424242424242424242424242424242' } } }
    }
    runs.push([
      'test plan',
      await runAction({
        ...pullRequest,
        inputs: {
          ...common,
          'project-id': '743',
          'test-plan-id': '169500',
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
        env,
        echo: true
      })
    ])

    console.log(bold('\n▶ 3. The same test plan again on the pull request, with fail-on: new: every failure is known now\n'))
    runs.push([
      'test plan, fail-on: new',
      await runAction({
        ...pullRequest,
        inputs: { ...common, 'project-id': '743', 'test-plan-id': '169500', 'pr-comment': 'always', 'fail-on': 'new' },
        env,
        echo: true
      })
    ])

    console.log(
      bold(
        '\n▶ 4. The app running in the job: the scenario through an Autify Connect Client (the simulator serves a fake one): downloaded, started, ready, run, stopped, its access point deleted\n'
      )
    )
    runs.push([
      'scenario through the Autify Connect Client',
      await runAction({
        inputs: {
          ...common,
          'autify-test-url': `https://app.autify.com/projects/743/scenarios/91437`,
          'autify-connect-client': 'true',
          'autify-connect-client-download-url': autify.connectClientDownloadUrl
        },
        env: { ...env, RUNNER_TOOL_CACHE: toolCache },
        echo: true
      })
    ])
    console.log(`Access points left in Autify after the step: ${autify.connect.accessPoints.size}`)

    for (const [name, run] of runs) {
      console.log(bold(`\n━━ ${name}: exit code ${run.exitCode} ━━`))
      const summaryFile = path.join(path.dirname(run.workspace), 'summary.md')
      console.log(`Job summary (Markdown):  ${summaryFile}`)
      console.log(`Outputs:                 ${path.join(path.dirname(run.workspace), 'output.txt')}`)
      for (const key of [
        'result-url',
        'status',
        'exit-code',
        'total',
        'passed',
        'failed',
        'skipped',
        'flaky',
        'new-failures',
        'credits-consumed',
        'check-run-url',
        'junit-report',
        'testify-test-object-id',
        'testify-checklist-id'
      ]) {
        if (run.outputs[key] !== undefined) console.log(`  ${key.padEnd(22)} ${run.outputs[key]}`)
      }
      console.log('\n' + readFileSync(summaryFile, 'utf8'))
    }

    console.log(bold('\n━━ Check runs received by the GitHub API simulator ━━'))
    for (const check of github.checkRuns) {
      console.log(`${check.name} on ${check.head_sha.slice(0, 7)}: ${check.status}/${check.conclusion} — ${check.output.title}`)
      for (const a of check.annotations) console.log(`  [${a.annotation_level}] ${a.path}:${a.start_line} ${a.title}`)
    }
    printTestify(testify)
    for (const comment of github.comments) {
      console.log(
        bold(
          `\n━━ Comment on pull request #${comment.issue_number}: written ${comment.edits.length === 1 ? 'once' : `once, edited ${comment.edits.length - 1}×`} ━━`
        )
      )
      console.log(comment.body)
    }
    const failed = runs.find(([name]) => name === 'test plan')?.[1]
    console.log(
      `\nThe test plan run ${failed?.exitCode === 1 ? 'failed the step, as it should' : 'ended'}: 91439 fails for the first time (new), 91440 has failed in every earlier run (known), 91441 fails once and passes on the retry (flaky). ` +
        `Run 3 ${runs[2][1].exitCode === 0 ? 'passed the step' : 'failed the step'} with fail-on: new: both failures are known by then.`
    )
  } finally {
    rmSync(toolCache, { recursive: true, force: true })
    await autify.close()
    await github.close()
    await testify.close()
  }
}

/** Every checklist the Testify simulator holds, with each check's result (or that it is open). */
function printTestify(testify: TestifySimulator): void {
  for (const checklist of testify.checklists.values()) {
    console.log(
      bold(
        `\n━━ Testify checklist '${checklist.externalId}' (template '${checklist.templateId}') on test object '${checklist.testObject.externalId}' ━━`
      )
    )
    for (const check of checklist.checks) {
      const type = CHECK_TYPES[check.spec.type] ?? check.spec.type
      if (!check.result) {
        console.log(`  ${check.spec.identifier} (${type}): open`)
        continue
      }
      const { value, comment } = check.result
      const lines = typeof value === 'string' ? value.split('\n') : [String(value), ...(comment ?? '').split('\n')]
      console.log(`  ${check.spec.identifier} (${type}): ${lines[0]}`)
      for (const line of lines.slice(1)) console.log(`      ${line}`)
    }
  }
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
