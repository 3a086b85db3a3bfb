import { withoutControlCharacters } from '../util/format.js'

/** What the client's debug server answers on `GET /status`. */
export interface ClientStatus {
  status: 'starting' | 'ready' | 'reconnecting' | 'unknown'
  message: string
}

const STATUSES = ['starting', 'ready', 'reconnecting'] as const

/** The debug server's answer, whatever it holds: an unexpected one is `unknown`, never an exception. */
export function parseClientStatus(body: unknown): ClientStatus {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 'unknown', message: '' }
  const { status, message } = body as Record<string, unknown>
  const known = STATUSES.find((s) => s === status)
  return { status: known ?? 'unknown', message: typeof message === 'string' ? message : '' }
}

/**
 * One line of the client's output as text: with `--log-format json` each is
 * `{"level":"info","ts":"…","msg":"…"}`; anything else is kept as it came.
 */
export function describeClientLine(line: string): { level: string; text: string } {
  const trimmed = line.trim()
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>
      if (parsed && typeof parsed.msg === 'string') {
        const level = typeof parsed.level === 'string' ? parsed.level.toLowerCase() : 'info'
        const extra = Object.entries(parsed)
          .filter(([key, value]) => !['level', 'ts', 'msg', 'time', 'caller'].includes(key) && value !== null && typeof value !== 'object')
          .map(([key, value]) => `${key}=${String(value)}`)
        return { level, text: withoutControlCharacters([parsed.msg, ...extra].join(' ')) }
      }
    } catch {
      // Not JSON after all: shown as it came.
    }
  }
  return { level: 'info', text: withoutControlCharacters(trimmed) }
}
