import * as core from '@actions/core'

/**
 * Every secret the action knows of. Each is masked in the runner's log at once, and every text the
 * action writes anywhere else (summary, check run, outputs, files, errors) passes through `redact`.
 */
const secrets = new Set<string>()

/** Shorter values are not secrets worth masking: masking them would garble every log line. */
const MIN_SECRET_LENGTH = 4

export function addSecret(value: string | undefined): void {
  const trimmed = value?.trim()
  if (!trimmed || trimmed.length < MIN_SECRET_LENGTH) return
  for (const form of [trimmed, encodeURIComponent(trimmed)]) {
    if (secrets.has(form)) continue
    secrets.add(form)
    core.setSecret(form)
  }
}

export function redact(text: string): string {
  let result = text
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join('***')
  }
  return result
}

/** What the action logged, for the `log` output that `autifyhq/actions-web-test-run` users read. */
const transcript: string[] = []
const TRANSCRIPT_MAX_LINES = 2000

function record(line: string): string {
  const safe = redact(line)
  if (transcript.length < TRANSCRIPT_MAX_LINES) transcript.push(safe)
  else if (transcript.length === TRANSCRIPT_MAX_LINES) transcript.push('… (log output truncated; see the job log)')
  return safe
}

export function loggedText(): string {
  return transcript.join('\n')
}

/** Logging that can never print a known secret, whatever the runner masks. */
export const log = {
  info: (message: string): void => core.info(record(message)),
  debug: (message: string): void => core.debug(redact(message)),
  warning: (message: string, properties?: core.AnnotationProperties): void =>
    core.warning(record(`Warning: ${message}`).replace(/^Warning: /, ''), properties),
  error: (message: string, properties?: core.AnnotationProperties): void =>
    core.error(record(`Error: ${message}`).replace(/^Error: /, ''), properties),
  notice: (message: string, properties?: core.AnnotationProperties): void => core.notice(redact(message), properties)
}

export function setOutput(name: string, value: string | number): void {
  core.setOutput(name, redact(String(value)))
}
