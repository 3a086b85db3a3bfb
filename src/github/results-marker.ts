/**
 * The Autify results a check run reports, written into its summary where a later run reads them
 * back: the check run's `external_id` is the first attempt's result ID, and a run with retries has
 * more. An HTML comment at the start of the summary: invisible on GitHub, and never cut by the
 * output's size limit.
 */

const MARKER = /^<!-- autify-results: (\d{1,15}(?:,\d{1,15}){0,19}) -->\n/
/** At most this many attempts are read back from a marker (a run has at most 1 + max-retry-count). */
const MAX_ATTEMPTS = 20

/** `summary` with the marker naming `resultIds` (every attempt, the first first) in front. */
export function markResults(summary: string, resultIds: readonly number[]): string {
  return `<!-- autify-results: ${resultIds.slice(0, MAX_ATTEMPTS).join(',')} -->\n${summary}`
}

/**
 * Every attempt's result ID of a check run, the first first: from its marker when the marker starts
 * with its `external_id`, else the `external_id` alone; null when `external_id` is no result ID.
 */
export function resultsOfCheckRun(externalId: unknown, summary: unknown): number[] | null {
  if (typeof externalId !== 'string' || !/^\d{1,15}$/.test(externalId)) return null
  const first = Number(externalId)
  const marked = typeof summary === 'string' ? MARKER.exec(summary) : null
  const ids = marked ? marked[1].split(',').map(Number) : []
  return ids[0] === first ? [...new Set(ids)] : [first]
}
