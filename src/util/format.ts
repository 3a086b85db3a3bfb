/** `61234` → `1m 01s`; `5847` → `5.8s`; missing → `–`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '–'
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  const totalSeconds = Math.round(ms / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes)
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}h ${mm}m ${ss}s` : `${mm}m ${ss}s`
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** A name from outside (scenario, test plan, execution) is cut past this many characters wherever it is shown. */
export const MAX_NAME_CHARS = 300

/** `name` as shown in a report, a log line or an annotation: at most MAX_NAME_CHARS, the cut marked `…`. */
export function shownName(name: string): string {
  return clip(name, MAX_NAME_CHARS)
}

/** Cuts `text` to at most `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function clipBytes(text: string, maxBytes: number, marker = '…'): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8')
  let bytes = 0
  let end = 0
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8')
    if (bytes + size > budget) break
    bytes += size
    end += char.length
  }
  return text.slice(0, end) + marker
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/**
 * What `text` weighs as a step output: GitHub counts outputs in UTF-16 (2 bytes a code unit); the
 * UTF-8 size is taken where it is larger (most scripts other than Latin), so a value within this
 * fits a limit counted either way.
 */
export function outputBytes(text: string): number {
  return Math.max(text.length * 2, byteLength(text))
}

/** Cuts `text` to at most `maxBytes` as `outputBytes` counts, without splitting a character. */
export function clipOutputBytes(text: string, maxBytes: number, marker = '…'): string {
  if (outputBytes(text) <= maxBytes) return text
  const budget = maxBytes - outputBytes(marker)
  if (budget < 0) return ''
  let bytes = 0
  let end = 0
  for (const char of text) {
    const size = outputBytes(char)
    if (bytes + size > budget) break
    bytes += size
    end += char.length
  }
  return text.slice(0, end) + marker
}

/** Backslash-escapes every character Markdown (GitHub's flavour) gives a meaning to. */
export function backslashMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (char) => `\\${char}`)
}

/** Control characters other than tab: invisible, and some terminals act on them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g

/** `text` with each control character other than tab and line breaks replaced by U+FFFD. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '\ufffd')
}
