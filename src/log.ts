import * as core from '@actions/core'
import { redact } from './secrets.js'
import { headAndTail } from './util/head-and-tail.js'
import { withoutControlCharacters } from './util/format.js'

/** Line breaks as the runner splits its log (StreamReader.ReadLine), and the Unicode ones, to be safe. */
const LINE_BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/

/**
 * One line that cannot be read as a workflow command: the runner takes a line whose trimmed start
 * is `::` as a command, and `##[name]` anywhere in a line as a legacy one (actions/runner,
 * ActionCommand.TryParseV2 and TryParse).
 */
function neutralizeLine(line: string): string {
  const safe = withoutControlCharacters(line).replace(/##\[/g, '## [')
  return /^\s*::/.test(safe) ? `> ${safe}` : safe
}

/**
 * Text for stdout, whatever it holds: secrets redacted (on the raw text, before anything else), and
 * every line neutralised, so no text from outside can start a workflow command.
 */
export function safeForLog(text: string): string {
  return redact(text).split(LINE_BREAKS).map(neutralizeLine).join('\n')
}

/** A workflow-command property (`title`, `file`): one line, redacted; @actions/core escapes the rest. */
function safeProperty(value: string | undefined): string | undefined {
  return value === undefined ? undefined : safeForLog(value).replace(/\n/g, ' ')
}

function safeProperties(properties: core.AnnotationProperties | undefined): core.AnnotationProperties | undefined {
  if (!properties) return undefined
  return { ...properties, title: safeProperty(properties.title), file: safeProperty(properties.file) }
}

/**
 * What the action logged, for the `log` output that `autifyhq/actions-web-test-run` users read:
 * the first lines and the last ones, and how many came between (memory stays bounded).
 */
const TRANSCRIPT_END_LINES = 1000
const transcript = { head: [] as string[], tail: [] as string[], between: 0 }

function record(line: string): string {
  if (transcript.head.length < TRANSCRIPT_END_LINES) transcript.head.push(line)
  else {
    transcript.tail.push(line)
    if (transcript.tail.length >= 2 * TRANSCRIPT_END_LINES) {
      transcript.between += transcript.tail.length - TRANSCRIPT_END_LINES
      transcript.tail = transcript.tail.slice(-TRANSCRIPT_END_LINES)
    }
  }
  return line
}

/**
 * The log so far, within `maxBytes` (as `outputBytes` counts): whole if it fits, else its head and
 * its tail with `… N lines left out` between.
 */
export function loggedText(maxBytes = Infinity): string {
  const tail = transcript.tail.slice(-TRANSCRIPT_END_LINES)
  const between = transcript.between + transcript.tail.length - tail.length
  return headAndTail(transcript.head, tail, between, maxBytes)
}

/** Where the log goes: the runner's stdout through @actions/core, or a test's recorder. */
export interface LogSink {
  info(message: string): void
  debug(message: string): void
  warning(message: string, properties?: core.AnnotationProperties): void
  error(message: string, properties?: core.AnnotationProperties): void
  notice(message: string, properties?: core.AnnotationProperties): void
  /** Fails the step (`::error::` and exit code 1). */
  fail(message: string): void
  /** Folds the lines that follow, up to `endGroup`, under `name` (a recorder may leave them out). */
  startGroup?(name: string): void
  endGroup?(): void
}

export const runnerLogSink: LogSink = {
  info: (message) => core.info(message),
  debug: (message) => core.debug(message),
  warning: (message, properties) => core.warning(message, properties),
  error: (message, properties) => core.error(message, properties),
  notice: (message, properties) => core.notice(message, properties),
  fail: (message) => core.setFailed(message),
  startGroup: (name) => core.startGroup(name),
  endGroup: () => core.endGroup()
}

let sink: LogSink = runnerLogSink

/**
 * Sends the log to `next` (already made safe: redacted and neutralised) and starts a new `log`
 * transcript; returns the sink it replaces. `run()` keeps the runner's; in-process tests record.
 */
export function useLogSink(next: LogSink): LogSink {
  const previous = sink
  sink = next
  transcript.head = []
  transcript.tail = []
  transcript.between = 0
  return previous
}

/**
 * The one way the action writes to the job log: never a known secret, never a line another
 * service's text could turn into a workflow command, in messages and in command properties alike.
 */
export const log = {
  info: (message: string): void => sink.info(record(safeForLog(message))),
  debug: (message: string): void => sink.debug(safeForLog(message)),
  warning: (message: string, properties?: core.AnnotationProperties): void => {
    const safe = safeForLog(message)
    record(`Warning: ${safe}`)
    sink.warning(safe, safeProperties(properties))
  },
  error: (message: string, properties?: core.AnnotationProperties): void => {
    const safe = safeForLog(message)
    record(`Error: ${safe}`)
    sink.error(safe, safeProperties(properties))
  },
  notice: (message: string, properties?: core.AnnotationProperties): void => sink.notice(safeForLog(message), safeProperties(properties)),
  /** Fails the step with `message` (an `::error::` command). */
  fail: (message: string): void => {
    const safe = safeForLog(message)
    record(`Error: ${safe}`)
    sink.fail(safe)
  },
  startGroup: (name: string): void => sink.startGroup?.(safeForLog(name)),
  endGroup: (): void => sink.endGroup?.()
}

export function setOutput(name: string, value: string | number): void {
  core.setOutput(name, redact(String(value)))
}
