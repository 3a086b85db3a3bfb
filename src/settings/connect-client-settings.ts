import { ArgumentsError, splitArguments } from '../connect/arguments.js'
import { DEFAULT_DOWNLOAD_URL, PINNED_CLIENT_VERSION, clientPlatform, normalizeVersion } from '../connect/platform.js'
import { InputError } from './input-error.js'
import { isLoopbackHost, parseBoolean, parseSeconds } from './parsers.js'
import type { InputReader } from './read-settings.js'
import type { ConnectClientSettings } from './settings.js'

const CLIENT_INPUTS = [
  'autify-connect-client-version',
  'autify-connect-client-extra-arguments',
  'autify-connect-client-startup-timeout',
  'autify-connect-client-download-url'
]
const MAX_STARTUP_SECONDS = 600
/** The action passes these itself: the log format it reads and the debug server it polls. */
const RESERVED_ARGUMENTS = ['--log-format', '--debug-server-port']

/** The `autify-connect-client*` inputs; null when no client is asked for. */
export function readConnectClientSettings(
  read: InputReader,
  runner: { platform: string; arch: string },
  warnings: string[]
): ConnectClientSettings | null {
  if (!parseBoolean('autify-connect-client', read('autify-connect-client'), false)) {
    for (const name of CLIENT_INPUTS) {
      if (read(name)) warnings.push(`'${name}' has no effect without 'autify-connect-client: true'.`)
    }
    return null
  }
  const platform = clientPlatform(runner.platform, runner.arch)
  if (!platform) {
    throw new InputError(
      'autify-connect-client',
      `Autify publishes no Autify Connect Client for this runner (${runner.platform}/${runner.arch}); it runs on Linux, macOS and Windows, on x64, arm64 or x86.`
    )
  }
  const versionInput = read('autify-connect-client-version')
  const version = versionInput ? normalizeVersion(versionInput) : PINNED_CLIENT_VERSION
  if (!version) {
    throw new InputError('autify-connect-client-version', `expected a version such as '${PINNED_CLIENT_VERSION}', got '${versionInput}'.`)
  }
  return {
    version,
    downloadUrl: parseDownloadUrl('autify-connect-client-download-url', read('autify-connect-client-download-url') || DEFAULT_DOWNLOAD_URL),
    platform,
    extraArguments: parseExtraArguments('autify-connect-client-extra-arguments', read('autify-connect-client-extra-arguments')),
    startupTimeoutMs: parseSeconds(
      'autify-connect-client-startup-timeout',
      read('autify-connect-client-startup-timeout'),
      30,
      MAX_STARTUP_SECONDS
    )
  }
}

function parseExtraArguments(input: string, value: string): string[] {
  let args: string[]
  try {
    args = splitArguments(value)
  } catch (error) {
    if (!(error instanceof ArgumentsError)) throw error
    throw new InputError(input, `cannot split '${value}' into arguments: ${error.message}.`)
  }
  const reserved = args.find((arg) => RESERVED_ARGUMENTS.some((name) => arg === name || arg.startsWith(`${name}=`)))
  if (reserved) throw new InputError(input, `must not set '${reserved.split('=')[0]}': the action sets it to read the client's status.`)
  return args
}

/** An https:// base (http:// only to this machine: the client is a program the runner executes), ending in `/`. */
function parseDownloadUrl(input: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(input, `expected an https:// URL such as '${DEFAULT_DOWNLOAD_URL}', got '${value}'.`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new InputError(
      input,
      `expected an https:// URL (http:// only for localhost): the client is downloaded and run on the runner, got '${value}'.`
    )
  }
  if (url.username || url.password) throw new InputError(input, 'must not contain a user name or password.')
  url.search = ''
  url.hash = ''
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url.toString()
}
