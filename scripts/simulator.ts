/**
 * `npm run simulator`: the built-in Autify simulator and the simulated GitHub Checks API on loopback,
 * kept running until SIGINT/SIGTERM, so that `node dist/index.js` (or a workflow's `uses: ./`) can be
 * pointed at them. Prints the values to use and, with `--write-env`, writes them as KEY=VALUE lines.
 */
import { renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import { type AutifyWorld, DEMO_HISTORY, defaultWorld } from '../simulator/autify/world.js'
import { GitHubSimulator } from '../simulator/github/github-simulator.js'

const HELP = `Usage: npm run simulator -- [options]

Starts the Autify simulator and the GitHub API simulator on 127.0.0.1 and runs until Ctrl-C.

Options:
  --autify-port <n>   Autify simulator port (env AUTIFY_SIMULATOR_PORT; default 8787; 0 picks a free one)
  --github-port <n>   GitHub API simulator port (env GITHUB_SIMULATOR_PORT; default 8788; 0 picks a free one)
  --write-env <path>  Also write the values as KEY=VALUE lines to this file (e.g. to append to $GITHUB_ENV)
  --world <name>      demo (default): project 743, scenarios 91437-91442, test plans 169408 and 169500,
                      where 91440 always fails, 91441 fails once then passes, 91442 needs review;
                      passing: the same, but every test case passes
  --help              Show this help`

/**
 * The names written by --write-env (not `--env-file`: Node 20 takes that flag for itself even after the
 * script name). Prefixed, so that appending them to $GITHUB_ENV overrides nothing the runner or `gh` reads.
 */
const ENV_KEYS = {
  autifyApiUrl: 'AUTIFY_SIMULATOR_API_URL',
  autifyToken: 'AUTIFY_SIMULATOR_ACCESS_TOKEN',
  githubApiUrl: 'GITHUB_SIMULATOR_API_URL',
  githubToken: 'GITHUB_SIMULATOR_TOKEN'
} as const

const WORLDS: Record<string, () => Partial<AutifyWorld>> = {
  demo: () => ({}),
  passing: () => {
    const world = defaultWorld()
    for (const scenario of Object.values(world.scenarios)) {
      delete scenario.outcomes
      delete scenario.reviewNeeded
    }
    return { scenarios: world.scenarios }
  }
}

function port(flag: string, value: string | undefined, env: string | undefined, fallback: number): number {
  const text = value ?? (env || String(fallback))
  const number = Number(text)
  if (!/^\d+$/.test(text) || number > 65_535) throw new Error(`--${flag}: expected a port from 0 to 65535, got '${text}'.`)
  return number
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'autify-port': { type: 'string' },
      'github-port': { type: 'string' },
      'write-env': { type: 'string' },
      world: { type: 'string', default: 'demo' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    console.log(HELP)
    return
  }
  const makeWorld = WORLDS[values.world]
  if (!makeWorld) throw new Error(`--world: expected one of ${Object.keys(WORLDS).join(', ')}, got '${values.world}'.`)
  const autifyPort = port('autify-port', values['autify-port'], process.env.AUTIFY_SIMULATOR_PORT, 8787)
  const githubPort = port('github-port', values['github-port'], process.env.GITHUB_SIMULATOR_PORT, 8788)

  const autify = await new AutifySimulator(makeWorld()).start(autifyPort)
  autify.seedHistory(DEMO_HISTORY.testPlanId, DEMO_HISTORY.runs, { outcomes: values.world === 'demo' })
  const github = await new GitHubSimulator().start(githubPort)
  const env = {
    [ENV_KEYS.autifyApiUrl]: autify.apiUrl,
    [ENV_KEYS.autifyToken]: autify.world.token,
    [ENV_KEYS.githubApiUrl]: github.apiUrl,
    [ENV_KEYS.githubToken]: github.token
  }

  console.log(`Ready: the Autify simulator answers on ${autify.apiUrl}, the GitHub API simulator on ${github.apiUrl}.

World '${values.world}', project ${autify.world.projectId}:
  autify-api-url   ${autify.apiUrl}
  access-token     ${autify.world.token}
  GITHUB_API_URL   ${github.apiUrl}
  github-token     ${github.token}   (with GITHUB_REPOSITORY=owner/repo and a 40-hex GITHUB_SHA)

Try a scenario URL such as https://app.autify.com/projects/${autify.world.projectId}/scenarios/91437 or test plan ${autify.world.projectId}/169500.
See docs/running-locally.md for a command to run the action against it. Ctrl-C stops.`)

  if (values['write-env']) {
    // Written whole, then renamed: a reader waiting for the file never sees half of it.
    const file = values['write-env']
    writeFileSync(
      `${file}.tmp`,
      Object.entries(env)
        .map(([key, value]) => `${key}=${value}\n`)
        .join('')
    )
    renameSync(`${file}.tmp`, file)
    console.log(`Wrote ${Object.keys(env).join(', ')} to ${file}`)
  }

  const stopReporting = reportActivity(autify, github)
  await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  stopReporting()
  await Promise.all([autify.close(), github.close()])
  console.log(`Stopped. Served ${autify.requests.length} Autify and ${github.requests.length} GitHub API requests.`)
}

/** Logs each run the Autify simulator starts and each check run the GitHub simulator completes. */
function reportActivity(autify: AutifySimulator, github: GitHubSimulator): () => void {
  let runsSeen = autify.runs.length
  const completed = new Set<number>()
  const timer = setInterval(() => {
    for (const run of autify.runs.slice(runsSeen)) {
      const cases = run.capabilityResults.reduce((sum, c) => sum + c.testCases.length, 0)
      const what = run.testPlan ? `test plan ${run.testPlan.id} (${run.testPlan.name})` : 'scenarios'
      console.log(`Autify: result ${run.id} started: ${what}, ${cases} test case(s) on ${run.capabilityResults.length} capability(ies)`)
    }
    runsSeen = autify.runs.length
    for (const check of github.checkRuns) {
      if (check.status !== 'completed' || completed.has(check.id)) continue
      completed.add(check.id)
      const levels = ['failure', 'warning', 'notice'].map(
        (level) => `${check.annotations.filter((a) => a.annotation_level === level).length} ${level}`
      )
      console.log(
        `GitHub: check run '${check.name}' on ${check.head_sha.slice(0, 7)} completed: ${check.conclusion}; annotations: ${levels.join(', ')}`
      )
    }
  }, 250)
  return () => clearInterval(timer)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
