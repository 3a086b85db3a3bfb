import { redact } from '../secrets.js'
import { type RunReport, type TestCaseReport, byImportance, isFailure } from '../model.js'
import { historyText } from './history-text.js'
import { isKnownFailure } from './verdict.js'
import { clip, formatDuration, plural, shownName } from '../util/format.js'
import { statusWord } from './markdown.js'

export type AnnotationLevel = 'notice' | 'warning' | 'failure'

/** A Checks API annotation. */
export interface Annotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: AnnotationLevel
  title: string
  message: string
  raw_details?: string
}

/** Where annotations are attached: the workflow file, at the step's `uses:` line when known. */
export interface AnnotationLocation {
  path: string
  line: number
}

/** Checks API limits on one annotation. */
export const ANNOTATION_LIMITS = { title: 255, message: 65_535, rawDetails: 65_535 }

/** Failures are failures; anything that deserves a look (skipped, cancelled, flaky, review needed) a warning. */
export function annotationLevel(testCase: TestCaseReport, failOn: RunReport['failOn'] = 'any'): AnnotationLevel {
  if (isFailure(testCase.status)) return failOn === 'new' && isKnownFailure(testCase) ? 'warning' : 'failure'
  if (testCase.status === 'passed' && testCase.reviewNeeded === 0 && !testCase.flaky) return 'notice'
  return 'warning'
}

/** GitHub shows the level's icon next to the title, so the title carries none. */
export function annotationTitle(testCase: TestCaseReport): string {
  const flaky = testCase.flaky ? ' (flaky)' : ''
  return `${statusWord(testCase.status)}${flaky}: ${shownName(testCase.scenarioName)} · ${testCase.capability.label}`
}

export function annotationMessage(testCase: TestCaseReport): string {
  const lines = [
    `${shownName(testCase.scenarioName)} ${statusWord(testCase.status).toLowerCase()} on ${testCase.capability.label}` +
      (testCase.durationMs !== null ? ` in ${formatDuration(testCase.durationMs)}.` : '.')
  ]
  if (testCase.flaky) {
    lines.push(`Flaky: did not pass at first and passed on attempt ${testCase.attempts.length}.`)
  } else if (testCase.attempts.length > 1) {
    lines.push(`Still ${testCase.status.replace('_', ' ')} after ${plural(testCase.attempts.length, 'attempt')}.`)
  }
  if (testCase.reviewNeeded > 0) lines.push(`Autify flagged ${plural(testCase.reviewNeeded, 'step')} for review.`)
  if (testCase.history?.runs || testCase.history?.baseline)
    lines.push(`History: ${historyText(testCase.history, (since) => `${since.url}`)}.`)
  lines.push(`Result: ${testCase.url ?? testCase.scenarioUrl}`)
  return lines.join('\n')
}

function rawDetails(testCase: TestCaseReport): string | undefined {
  if (testCase.attempts.length < 2) return undefined
  return testCase.attempts.map((a, i) => `Attempt ${i + 1}: ${a.status} ${formatDuration(a.durationMs)} ${a.url ?? ''}`.trim()).join('\n')
}

/** Redacts every field, then clips it to the Checks API's limits (a clipped secret could escape redaction). */
export function enforceAnnotationLimits(annotation: Annotation): Annotation {
  const clipped: Annotation = {
    ...annotation,
    title: clip(redact(annotation.title), ANNOTATION_LIMITS.title),
    message: clip(redact(annotation.message), ANNOTATION_LIMITS.message)
  }
  if (annotation.raw_details !== undefined) clipped.raw_details = clip(redact(annotation.raw_details), ANNOTATION_LIMITS.rawDetails)
  return clipped
}

/** Which test case results get an annotation: failures and warnings always, plain passes when asked. */
export interface AnnotationChoice {
  /** Plain passes as notices too (`annotate-passes: true`). */
  annotatePasses: boolean
}

/** A plain pass (passed at once, nothing to review) is a notice: annotated only when asked. */
export function isAnnotated(testCase: TestCaseReport, report: RunReport, choice: AnnotationChoice): boolean {
  return choice.annotatePasses || annotationLevel(testCase, report.failOn) !== 'notice'
}

/** One annotation per test case result that deserves one (see `isAnnotated`), failures first. */
export function toAnnotations(report: RunReport, location: AnnotationLocation, choice: AnnotationChoice): Annotation[] {
  return [...report.testCases]
    .filter((testCase) => isAnnotated(testCase, report, choice))
    .sort(byImportance)
    .map((testCase) =>
      enforceAnnotationLimits({
        path: location.path,
        start_line: location.line,
        end_line: location.line,
        annotation_level: annotationLevel(testCase, report.failOn),
        title: annotationTitle(testCase),
        message: annotationMessage(testCase),
        ...(rawDetails(testCase) !== undefined && { raw_details: rawDetails(testCase) })
      })
    )
}

/**
 * Annotations sent to one check run. Each write to the Checks API takes 50 and GitHub asks for a
 * second between writes, so 10,000 would take minutes: the most important are sent, failures first.
 */
export const CHECK_RUN_ANNOTATION_LIMIT = 500

/** GitHub shows at most this many workflow-command annotations of each level per step. */
export const WORKFLOW_COMMAND_LIMIT = 10

export interface WorkflowCommand {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
}

/**
 * The annotations to print as `::error`/`::warning`/`::notice` lines: at most the number GitHub
 * shows per level, the last slot of a full level saying how many more are in the job summary.
 */
export function toWorkflowCommands(annotations: readonly Annotation[]): WorkflowCommand[] {
  const levels = { failure: 'error', warning: 'warning', notice: 'notice' } as const
  const commands: WorkflowCommand[] = []
  for (const level of ['failure', 'warning', 'notice'] as const) {
    const ofLevel = annotations.filter((a) => a.annotation_level === level)
    const fits = ofLevel.length <= WORKFLOW_COMMAND_LIMIT
    const shown = fits ? ofLevel : ofLevel.slice(0, WORKFLOW_COMMAND_LIMIT - 1)
    for (const a of shown) commands.push({ level: levels[level], title: a.title, message: a.message })
    if (!fits) {
      const more = ofLevel.length - shown.length
      commands.push({
        level: levels[level],
        title: `${more} more`,
        message: `${plural(more, 'more test case result')} of this kind ${more === 1 ? 'is' : 'are'} listed in the job summary.`
      })
    }
  }
  return commands
}
