import { InputError } from './input-error.js'
import { parseBoolean, parseId, parseInteger } from './parsers.js'
import type { ExistingResult, InputReader } from './settings.js'

const INPUT = 'autify-result-url'
const RESULT_URL_PATH = /\/projects\/(\d+)\/results\/(\d+)(?=\/|$)/
const EXAMPLE = 'https://app.autify.com/projects/743/results/1920728'

/**
 * Inputs that only shape a start, so they mean nothing for a result that already exists. Each is
 * refused when set; `test-plan-variables` too, whatever this version declares.
 */
const START_INPUTS = [
  'autify-test-url',
  'scenario-ids',
  'capabilities',
  'os',
  'os-version',
  'browser',
  'device',
  'device-type',
  'execution-type',
  'test-execution-name',
  'autify-connect',
  'url-replacements',
  'test-plan-variables',
  'autify-connect-client-version',
  'autify-connect-client-extra-arguments',
  'autify-connect-client-startup-timeout',
  'autify-connect-client-download-url'
]

/**
 * `autify-result-url`: a result URL (`…/projects/<P>/results/<R>`), or `latest` with `project-id`
 * and `test-plan-id` for the test plan's newest result. Null when not set. Throws an InputError
 * naming both inputs when an input that only shapes a start is set too.
 */
export function readExistingResult(read: InputReader): ExistingResult | null {
  const value = read(INPUT)
  if (!value) return null
  refuseStartInputs(read)
  if (value.toLowerCase() === 'latest') {
    const plan = read('test-plan-id')
    const project = read('project-id')
    if (!plan)
      throw new InputError('test-plan-id', `required with '${INPUT}: latest': it names the test plan whose newest result to report.`)
    if (!project) throw new InputError('project-id', `required with '${INPUT}: latest' and 'test-plan-id'.`)
    return {
      kind: 'latest-result',
      projectId: parseId('project-id', project, 'project'),
      testPlanId: parseId('test-plan-id', plan, 'test plan')
    }
  }
  for (const name of ['test-plan-id', 'project-id']) {
    if (read(name)) {
      throw new InputError(
        name,
        `cannot be combined with '${INPUT}': the result URL names the project and the run (only '${INPUT}: latest' takes 'test-plan-id').`
      )
    }
  }
  return parseResultUrl(value)
}

function refuseStartInputs(read: InputReader): void {
  const set = START_INPUTS.find((name) => read(name))
  const refused =
    set ??
    (parseInteger('max-retry-count', read('max-retry-count'), 0, 0, 10) > 0 ? 'max-retry-count' : undefined) ??
    (parseBoolean('autify-connect-client', read('autify-connect-client'), false) ? 'autify-connect-client' : undefined) ??
    (parseBoolean('wait', read('wait'), true) ? undefined : 'wait')
  if (refused === 'wait') {
    throw new InputError(
      'wait',
      `'false' cannot be combined with '${INPUT}': the step starts nothing, it only waits for that run and reports it.`
    )
  }
  if (refused) {
    throw new InputError(
      refused,
      `cannot be combined with '${INPUT}': that run was started elsewhere and is only waited for and reported here, so there is nothing for '${refused}' to shape.`
    )
  }
}

function parseResultUrl(value: string): ExistingResult {
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {
    // Reported below, with the expected form.
  }
  const match = url && /^https?:$/.test(url.protocol) ? RESULT_URL_PATH.exec(url.pathname) : null
  if (!match) {
    throw new InputError(
      INPUT,
      `expected a result URL '…/projects/<project>/results/<result>' such as '${EXAMPLE}', or 'latest', got '${value}'.`
    )
  }
  return { kind: 'result', projectId: parseId(INPUT, match[1], 'project'), resultId: parseId(INPUT, match[2], 'result') }
}
