import { InputError } from './input-error.js'
import {
  hasQuery,
  parseApiUrl,
  parseBoolean,
  parseCapabilities,
  parseEnum,
  parseId,
  parseIdList,
  parseInteger,
  parsePlanVariables,
  parsePullRequestNumber,
  parseSeconds,
  parseTestUrl,
  parseUrlReplacements
} from './parsers.js'
import type {
  AnnotationMode,
  CapabilityChoice,
  CapabilityQuery,
  FailOn,
  InputReader,
  ListTests,
  PrCommentMode,
  Settings,
  SettingsContext,
  Target
} from './settings.js'
import { isExistingResult } from './settings.js'
import { readExistingResult } from './result-url.js'
import { readTestifySettings } from './testify-settings.js'
import path from 'node:path'
import { readConnectClientSettings } from './connect-client-settings.js'

export const DEFAULT_API_URL = 'https://app.autify.com/api/v1/'

/** `autify-api-url`, checked, or the default: the main step and the post step read it alike. */
export function readApiUrl(read: InputReader): string {
  return parseApiUrl('autify-api-url', read('autify-api-url') || DEFAULT_API_URL)
}
const MAX_TIMEOUT_SECONDS = 6 * 60 * 60

/** Inputs holding secrets: the caller masks them before anything else is read. */
export const SECRET_INPUTS = ['access-token', 'github-token', 'testify-api-key', 'testify-subject', 'testify-tenant']

export interface SettingsResult {
  settings: Settings
  /** Non-fatal remarks on the inputs (ignored legacy inputs, publishing turned off, …). */
  warnings: string[]
}

/** Builds and validates the settings from every input; throws InputError on the first bad one. */
export function readSettings(
  read: InputReader,
  github: SettingsContext,
  runner: { platform: string; arch: string } = process
): SettingsResult {
  const warnings: string[] = []

  const accessToken = readAccessToken(read)
  const apiUrl = readApiUrl(read)
  const target = readTarget(read)
  const capabilities = readCapabilities(read, target)
  const { executionType, executionName } = readExecution(read, target)

  checkLegacyInputs(read, warnings)
  const { autifyConnect, connectClient } = readConnect(read, runner, warnings)
  const wait = parseBoolean('wait', read('wait'), true)
  const timeoutMs = parseSeconds('timeout', read('timeout'), 300, MAX_TIMEOUT_SECONDS)
  const intervalMs = parseSeconds('interval', read('interval'), 5, MAX_TIMEOUT_SECONDS)
  const maxRetryCount = parseInteger('max-retry-count', read('max-retry-count'), 0, 0, 10)
  if (connectClient && !wait) {
    throw new InputError('wait', "must be 'true' with 'autify-connect-client: true': the client must run until the run ends.")
  }
  const planVariables = readPlanVariables(read, target, wait, maxRetryCount, warnings)
  if (!wait && maxRetryCount > 0) warnings.push("'max-retry-count' has no effect with 'wait: false'.")

  const annotations = parseEnum('annotations', read('annotations'), ['check-run', 'workflow-commands', 'none'] as const, 'check-run')
  const junitInput = read('junit-report')
  if (junitInput.includes('\0')) throw new InputError('junit-report', 'is not a valid path.')

  const settings: Settings = {
    accessToken,
    apiUrl,
    webUrl: new URL(apiUrl).origin,
    target,
    capabilities,
    executionType,
    executionName,
    autifyConnect,
    connectClient,
    urlReplacements: parseUrlReplacements('url-replacements', read('url-replacements')),
    planVariables,
    wait,
    timeoutMs,
    intervalMs,
    maxRetryCount,
    failOn: parseEnum('fail-on', read('fail-on'), ['any', 'new'] as const, 'any') as FailOn,
    github: readGitHubSettings(read, annotations),
    junitReport: junitInput ? path.resolve(github.workspace, junitInput) : null,
    testify: null
  }
  // Read (and checked) even when unused, so a bad value fails the step in every configuration.
  const testify = readTestifySettings(read, github, warnings)
  warnings.push(...unusedInputWarnings(settings, testify !== null))
  return { settings: { ...settings, testify: wait ? testify : null }, warnings }
}

function readConnect(
  read: InputReader,
  runner: { platform: string; arch: string },
  warnings: string[]
): Pick<Settings, 'autifyConnect' | 'connectClient'> {
  const autifyConnect = read('autify-connect') || null
  const connectClient = readConnectClientSettings(read, runner, warnings)
  if (connectClient && autifyConnect) {
    throw new InputError(
      'autify-connect',
      "cannot be combined with 'autify-connect-client: true': the client runs through an access point the action creates for the run."
    )
  }
  return { autifyConnect, connectClient }
}

function readAccessToken(read: InputReader): string {
  const accessToken = read('access-token')
  if (!accessToken) {
    throw new InputError('access-token', 'required: pass your Autify personal access token, e.g. ${{ secrets.AUTIFY_WEB_ACCESS_TOKEN }}.')
  }
  if (/\s/.test(accessToken)) throw new InputError('access-token', 'must be a single token without spaces or line breaks.')
  return accessToken
}

function readExecution(read: InputReader, target: Target): Pick<Settings, 'executionType' | 'executionName'> {
  const executionType = parseEnum('execution-type', read('execution-type'), ['parallel', 'sequential'] as const, null)
  const executionName = read('test-execution-name') || null
  if (target.kind === 'test-plan') {
    if (executionName) throw new InputError('test-execution-name', 'cannot be used with a test plan: the test plan names its runs.')
    if (executionType)
      throw new InputError('execution-type', 'cannot be used with a test plan: the test plan decides how its scenarios run.')
  }
  return { executionType, executionName }
}

function readGitHubSettings(read: InputReader, annotations: AnnotationMode): Settings['github'] {
  return {
    token: read('github-token') || null,
    checkName: read('check-name') || 'Autify',
    annotations,
    jobSummary: parseBoolean('job-summary', read('job-summary'), true),
    prComment: parseEnum('pr-comment', read('pr-comment'), ['off', 'always', 'on-failure'] as const, 'off') as PrCommentMode,
    annotatePasses: parseBoolean('annotate-passes', read('annotate-passes'), false),
    listTests: parseEnum('list-tests', read('list-tests'), ['all', 'failures', 'none'] as const, 'failures') as ListTests,
    pullRequest: parsePullRequestNumber('pr-number', read('pr-number'))
  }
}

/** Inputs given that the other inputs make pointless: each a warning. */
function unusedInputWarnings(settings: Settings, testify: boolean): string[] {
  const { wait, failOn, github } = settings
  return [
    !wait && failOn === 'new' && "'fail-on: new' has no effect with 'wait: false'.",
    !wait && github.prComment !== 'off' && "'pr-comment' has no effect with 'wait: false'.",
    github.pullRequest && github.prComment === 'off' && "'pr-number' has no effect with 'pr-comment: off'.",
    testify && !wait && "Testify publishing needs the run's results, so it is skipped with 'wait: false'."
  ].filter((warning): warning is string => typeof warning === 'string')
}

function readTarget(read: InputReader): Target {
  const existing = readExistingResult(read)
  if (existing) return existing
  const testUrl = read('autify-test-url')
  const projectInput = read('project-id')
  const scenarioInput = read('scenario-ids')
  const planInput = read('test-plan-id')
  const expected =
    "set exactly one of 'autify-test-url', 'project-id' with 'scenario-ids', 'project-id' with 'test-plan-id', or 'autify-result-url' to report a run started elsewhere."

  if (testUrl) {
    const extra = [
      ['project-id', projectInput],
      ['scenario-ids', scenarioInput],
      ['test-plan-id', planInput]
    ].find(([, value]) => value)
    if (extra) throw new InputError(extra[0], `cannot be combined with 'autify-test-url': ${expected}`)
    return parseTestUrl('autify-test-url', testUrl)
  }
  if (!projectInput) {
    if (scenarioInput || planInput) {
      throw new InputError('project-id', `required with '${scenarioInput ? 'scenario-ids' : 'test-plan-id'}'.`)
    }
    throw new InputError('autify-test-url', `nothing to run: ${expected}`)
  }
  const projectId = parseId('project-id', projectInput, 'project')
  if (scenarioInput && planInput) throw new InputError('test-plan-id', `cannot be combined with 'scenario-ids': ${expected}`)
  if (scenarioInput) return { kind: 'scenarios', projectId, scenarioIds: parseIdList('scenario-ids', scenarioInput, 'scenario') }
  if (planInput) return { kind: 'test-plan', projectId, testPlanId: parseId('test-plan-id', planInput, 'test plan') }
  throw new InputError('project-id', "needs 'scenario-ids' or 'test-plan-id' to say what to run.")
}

const SHORTHAND_INPUTS: [keyof CapabilityQuery, string][] = [
  ['os', 'os'],
  ['osVersion', 'os-version'],
  ['browser', 'browser'],
  ['device', 'device'],
  ['deviceType', 'device-type']
]

function readCapabilities(read: InputReader, target: Target): CapabilityChoice {
  const json = read('capabilities')
  const query: CapabilityQuery = {}
  for (const [key, input] of SHORTHAND_INPUTS) {
    const value = read(input)
    if (value) query[key] = value
  }
  const firstShorthand = SHORTHAND_INPUTS.find(([key]) => query[key])?.[1]
  // A result that already exists refused these inputs already (readExistingResult).
  if (isExistingResult(target)) return { kind: 'default' }
  if (target.kind === 'test-plan') {
    const input = json ? 'capabilities' : firstShorthand
    if (input) throw new InputError(input, 'cannot be used with a test plan: the test plan decides where its scenarios run.')
    return { kind: 'default' }
  }
  if (json) {
    if (firstShorthand) throw new InputError(firstShorthand, "cannot be combined with 'capabilities': use one or the other.")
    return { kind: 'explicit', capabilities: parseCapabilities('capabilities', json) }
  }
  return hasQuery(query) ? { kind: 'lookup', query } : { kind: 'default' }
}

/** `test-plan-variables`: only for a test plan whose end the step waits for (it restores them then). */
function readPlanVariables(read: InputReader, target: Target, wait: boolean, maxRetryCount: number, warnings: string[]) {
  const input = 'test-plan-variables'
  const variables = parsePlanVariables(input, read(input))
  if (variables.length === 0) return variables
  if (target.kind !== 'test-plan') {
    throw new InputError(input, "can only be used with a test plan ('test-plan-id' or a test plan's 'autify-test-url').")
  }
  if (!wait) {
    throw new InputError(
      input,
      "cannot be used with 'wait: false': the variables are restored when the run ends, so the step must wait for it."
    )
  }
  if (maxRetryCount > 0) {
    warnings.push("Retries ('max-retry-count') run the failed scenarios outside the test plan: they do not see 'test-plan-variables'.")
  }
  return variables
}

/** Inputs of `autifyhq/actions-web-test-run` that only make sense with the Autify CLI. */
function checkLegacyInputs(read: InputReader, warnings: string[]): void {
  for (const name of ['autify-path', 'autify-cli-installer-url']) {
    if (read(name)) warnings.push(`'${name}' is ignored: this action calls the Autify API directly and needs no Autify CLI.`)
  }
}
