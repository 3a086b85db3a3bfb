import { clipOutputBytes, outputBytes, plural } from './format.js'

/** Between two lines kept: a line break, as `outputBytes` counts it. */
const BREAK_BYTES = 2

/** `… 1,234 lines left out (the job log has them all)` */
function leftOut(count: number): string {
  return `… ${plural(count, 'line')} left out (the job log has them all)`
}

/**
 * The lines `head`, then `between` lines not kept, then `tail`, joined within `maxBytes` (as
 * `outputBytes` counts): whole when they fit; else as many lines of each end as fit, half the room
 * each (what one end does not need goes to the other), with `… N lines left out` between. An end
 * whose first line is longer than its whole room keeps that line cut.
 */
export function headAndTail(head: readonly string[], tail: readonly string[], between: number, maxBytes: number): string {
  const whole = [...head, ...(between > 0 ? [leftOut(between)] : []), ...tail].join('\n')
  if (outputBytes(whole) <= maxBytes) return whole
  const total = head.length + between + tail.length
  const room = maxBytes - outputBytes(leftOut(total)) - 2 * BREAK_BYTES
  if (room <= 0) return clipOutputBytes(leftOut(total), maxBytes)
  const tailNeeds = tail.reduce((sum, line) => sum + outputBytes(line) + BREAK_BYTES, 0)
  const first = takeLines(head, Math.max(Math.floor(room / 2), room - tailNeeds))
  const last = takeLines([...tail].reverse(), room - first.bytes).lines.reverse()
  const omitted = total - first.lines.length - last.length
  return [...first.lines, leftOut(omitted), ...last].join('\n')
}

/** The first of `lines` that fit `room`; the first line cut to fit when it alone does not. */
function takeLines(lines: readonly string[], room: number): { lines: string[]; bytes: number } {
  const kept: string[] = []
  let bytes = 0
  for (const line of lines) {
    const size = outputBytes(line) + BREAK_BYTES
    if (bytes + size <= room) {
      kept.push(line)
      bytes += size
      continue
    }
    const cut = kept.length === 0 ? clipOutputBytes(line, room - BREAK_BYTES) : ''
    if (cut) {
      kept.push(cut)
      bytes += outputBytes(cut) + BREAK_BYTES
    }
    break
  }
  return { lines: kept, bytes }
}
