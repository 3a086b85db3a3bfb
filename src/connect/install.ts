import * as tc from '@actions/tool-cache'
import { execFile } from 'node:child_process'
import { chmodSync, existsSync } from 'node:fs'
import path from 'node:path'
import { clip } from '../util/format.js'
import type { ConnectClientSettings } from '../settings/settings.js'
import { clientDownloadUrl, executableName, reportsVersion } from '../settings/connect-platform.js'
import { errorMessage } from '../util/error-message.js'

/** The tool cache's name for the client: one download per version and architecture on a runner. */
const TOOL_NAME = 'autifyconnect'
const VERSION_TIMEOUT_MS = 10_000

export interface InstalledClient {
  executable: string
  /** What `--version` printed, e.g. `Autify Connect version v1.1.34, build 1a2b3c4`. */
  versionText: string
  fromCache: boolean
}

/**
 * The client's executable: from the runner's tool cache, or downloaded, extracted, checked to be
 * the expected version and then cached. Throws an error that says what to fix.
 */
export async function installClient(
  settings: ConnectClientSettings,
  runnerEnv: NodeJS.ProcessEnv,
  log: (message: string) => void
): Promise<InstalledClient> {
  const { version, platform } = settings
  const cached = tc.find(TOOL_NAME, version, platform.arch)
  if (cached && existsSync(path.join(cached, executableName(platform)))) {
    const executable = path.join(cached, executableName(platform))
    return { executable, versionText: await readVersion(executable, runnerEnv), fromCache: true }
  }

  const url = clientDownloadUrl(settings.downloadUrl, version, platform)
  log(`Downloading Autify Connect Client ${version} from ${url}`)
  let archive: string
  try {
    archive = await tc.downloadTool(url)
  } catch (error) {
    const status = error instanceof tc.HTTPError ? error.httpStatusCode : undefined
    throw new Error(
      `Could not download the Autify Connect Client from ${url} (${status ? `HTTP ${status}` : errorMessage(error)}). Check 'autify-connect-client-version' and 'autify-connect-client-download-url'.`,
      { cause: error }
    )
  }
  const extracted = platform.ext === 'zip' ? await tc.extractZip(archive) : await tc.extractTar(archive)
  const found = path.join(extracted, executableName(platform))
  if (!existsSync(found)) {
    throw new Error(`The archive from ${url} holds no '${executableName(platform)}'. Check 'autify-connect-client-download-url'.`)
  }
  if (platform.os !== 'windows') chmodSync(found, 0o755)
  const versionText = await readVersion(found, runnerEnv)
  if (!reportsVersion(versionText, version)) {
    throw new Error(
      `The Autify Connect Client from ${url} reports '${clip(versionText, 200)}', not version ${version}. Check 'autify-connect-client-version' and 'autify-connect-client-download-url'.`
    )
  }
  const cachedDir = await tc.cacheDir(extracted, TOOL_NAME, version, platform.arch)
  return { executable: path.join(cachedDir, executableName(platform)), versionText, fromCache: false }
}

/** `autifyconnect --version` prints its version on stderr. */
function readVersion(executable: string, runnerEnv: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable, ['--version'], { timeout: VERSION_TIMEOUT_MS, env: clientEnvironment(runnerEnv) }, (error, stdout, stderr) => {
      const text = `${stderr}`.trim() || `${stdout}`.trim()
      if (error && !text) reject(new Error(`The Autify Connect Client at ${executable} did not run: ${error.message}`))
      else resolve(text.split(/\r?\n/)[0] ?? '')
    })
  })
}

/**
 * The environment the client runs in: the runner's, without the action's inputs (they hold the
 * access token) and the runner's own tokens; the key is added by the caller.
 */
export function clientEnvironment(runnerEnv: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(runnerEnv)) {
    if (/^INPUT_/i.test(name) || /^ACTIONS_(RUNTIME|ID_TOKEN_REQUEST)_/i.test(name) || name === 'AUTIFY_CONNECT_KEY') continue
    env[name] = value
  }
  return { ...env, ...extra }
}
