/**
 * Why there is no run to report: it did not start (or was not confirmed to), or the result named by
 * `autify-result-url` could not be read.
 */
export type NotStartedKind = 'not-started' | 'not-read'

/** `the run did not start`, as in "Autify: the run did not start". */
export function notStartedHeadline(kind: NotStartedKind = 'not-started'): string {
  return kind === 'not-read' ? 'the result to report could not be read' : 'the run did not start'
}

/** `The Autify run did not start`, as a title of its own. */
export function notStartedTitle(kind: NotStartedKind = 'not-started'): string {
  return kind === 'not-read' ? 'The Autify result to report could not be read' : 'The Autify run did not start'
}
