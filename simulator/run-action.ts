import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: the nearest folder above this file with a package.json. */
export function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir)
  return dir
}

/**
 * The bundled action, as the runner starts it: `ACTION_ENTRY` when set (the tests' global setup
 * sets it to a fresh bundle of `src/`), else the committed `dist/index.js`.
 */
export const ACTION_ENTRY = process.env.ACTION_ENTRY || path.join(repositoryRoot(), 'dist', 'index.js')

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The workspace directory (JUnit files land here). */
  workspace: string
  durationMs: number
  /** The highest resident set size seen (VmHWM, Linux), in MiB; null where it cannot be read. */
  peakMemoryMiB: number | null
  /** What the step saved for its post step (GITHUB_STATE), by name. */
  state: Record<string, string>
}

export interface RunActionOptions {
  /** Inputs by name, as a workflow's `with:` gives them. */
  inputs: Record<string, string>
  /** Extra or overriding environment (e.g. GITHUB_API_URL). */
  env?: Record<string, string>
  eventName?: string
  event?: unknown
  workflowFile?: string
  /** Called once the process is started, e.g. to send it a signal later. */
  onSpawn?: (child: ChildProcess) => void
  /** Echo the action's output as it comes. */
  echo?: boolean
  entry?: string
}

/**
 * Where runs make their folders: `AUTIFY_ACTION_TEMP_ROOT` when set (the test suite's global setup
 * sets it to one folder its teardown removes; the demo does the same), else the system's.
 */
export function scratchRoot(): string {
  const root = process.env.AUTIFY_ACTION_TEMP_ROOT
  if (!root) return tmpdir()
  mkdirSync(root, { recursive: true })
  return root
}

/**
 * Variables passed on to the action from the caller's environment: coverage and mutation-testing
 * tools tell a child process what to do through them (V8 coverage output, Stryker's active mutant).
 */
export const TOOL_VARIABLES = ['NODE_V8_COVERAGE', '__STRYKER_ACTIVE_MUTANT__'] as const

export const TEST_SHA = '0123456789abcdef0123456789abcdef01234567'
export const TEST_REPOSITORY = 'octo-org/shop'

/** The folders, files and environment the runner gives a step: a workspace, GITHUB_* files, INPUT_* variables. */
export interface RunnerStep {
  root: string
  workspace: string
  files: {
    GITHUB_OUTPUT: string
    GITHUB_STEP_SUMMARY: string
    GITHUB_STATE: string
    GITHUB_ENV: string
    GITHUB_PATH: string
    GITHUB_EVENT_PATH: string
  }
  env: Record<string, string>
}

/** Makes a step's workspace and GITHUB_* files and its environment, as the runner would for `options`. */
export function prepareRunnerStep(options: Pick<RunActionOptions, 'inputs' | 'env' | 'eventName' | 'event' | 'workflowFile'>): RunnerStep {
  const root = mkdtempSync(path.join(scratchRoot(), 'autify-action-'))
  const workspace = path.join(root, 'workspace')
  const workflowFile = options.workflowFile ?? '.github/workflows/e2e.yml'
  mkdirSync(path.join(workspace, path.dirname(workflowFile)), { recursive: true })
  writeFileSync(
    path.join(workspace, workflowFile),
    [
      'name: E2E',
      'on: [push]',
      'jobs:',
      '  e2e:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: octo-org/autify-web-test-action@v1',
      '        with:',
      '          access-token: ${{ secrets.AUTIFY_WEB_ACCESS_TOKEN }}',
      ''
    ].join('\n')
  )
  const files = {
    GITHUB_OUTPUT: path.join(root, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(root, 'summary.md'),
    GITHUB_STATE: path.join(root, 'state.txt'),
    GITHUB_ENV: path.join(root, 'env.txt'),
    GITHUB_PATH: path.join(root, 'path.txt'),
    GITHUB_EVENT_PATH: path.join(root, 'event.json')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}))

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? root,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: TEST_REPOSITORY,
    GITHUB_SHA: TEST_SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_WORKFLOW_REF: `${TEST_REPOSITORY}/${workflowFile}@refs/heads/main`,
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'e2e',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTION_REPOSITORY: 'octo-org/autify-web-test-action',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: root,
    ...Object.fromEntries(TOOL_VARIABLES.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : []))),
    ...files,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  return { root, workspace, files, env }
}

/** Runs `node dist/index.js` the way the Actions runner does: INPUT_* variables and GITHUB_* files. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const { workspace, files, env } = prepareRunnerStep(options)
  const started = Date.now()
  const child = spawn(process.execPath, [options.entry ?? ACTION_ENTRY], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] })
  options.onSpawn?.(child)
  const memory = watchPeakMemory(child.pid)
  let stdout = ''
  let stderr = ''
  const echoOut = lineEcho(process.stdout)
  const echoErr = lineEcho(process.stderr)
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk
    if (options.echo) echoOut.write(String(chunk))
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk
    if (options.echo) echoErr.write(String(chunk))
  })
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig]))
  )
  echoOut.end()
  echoErr.end()
  const peakMemoryMiB = memory.stop()
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    workspace,
    durationMs: Date.now() - started,
    peakMemoryMiB,
    state: parseOutputFile(readFileSync(files.GITHUB_STATE, 'utf8'))
  }
}

/**
 * The child's output echoed line by line, each line the runner would read as a workflow command
 * (`::warning::`, `::add-mask::`) quoted: the echo is for people, and must not act in a real job's log.
 */
export function lineEcho(stream: NodeJS.WritableStream): { write: (text: string) => void; end: () => void } {
  let pending = ''
  const flush = (text: string) => {
    if (text) stream.write(neutralEcho(text))
  }
  return {
    write: (text) => {
      const all = pending + text
      const cut = all.lastIndexOf('\n') + 1
      pending = all.slice(cut)
      flush(all.slice(0, cut))
    },
    end: () => {
      flush(pending)
      pending = ''
    }
  }
}

/** Lines starting with `::` quoted (`> ::warning::…`), and `##[` broken: nothing left for the runner to act on. */
export function neutralEcho(text: string): string {
  return text.replace(/^(\s*)::/gm, '$1> ::').replace(/##\[/g, '## [')
}

/**
 * The environment of the post step (`runs.post`) after a main step: the runner gives it what the
 * main step saved as STATE_<name> (pass it as `env`, with the same inputs, to `runAction`).
 */
export function postStepEnv(main: Pick<ActionRun, 'state'>): Record<string, string> {
  return Object.fromEntries(Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value]))
}

/** Reads the process's peak resident set size (it only grows) every 50 ms until stopped. */
function watchPeakMemory(pid: number | undefined): { stop: () => number | null } {
  let peakKiB: number | null = null
  const read = () =>
    pid === undefined
      ? undefined
      : readFile(`/proc/${pid}/status`, 'utf8')
          .then((status) => {
            const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1])
            if (Number.isFinite(kib)) peakKiB = Math.max(peakKiB ?? 0, kib)
          })
          .catch(() => undefined)
  const timer = setInterval(read, 50)
  return {
    stop: () => {
      clearInterval(timer)
      return peakKiB === null ? null : Math.round(peakKiB / 1024)
    }
  }
}

/** Reads `name<<DELIMITER … DELIMITER` and `name=value` entries of a GITHUB_OUTPUT file. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}
