import { describe, expect, it } from '@jest/globals'
import { safeForLog } from '../src/log.js'
import { addSecret, redact } from '../src/secrets.js'
import { escapeMarkdown } from '../src/report/markdown.js'
import { backslashMarkdown, outputBytes } from '../src/util/format.js'
import { headAndTail } from '../src/util/head-and-tail.js'
import { heldStdout } from './helpers/stdout.js'

/** A line the runner would act on: `::` at its trimmed start, or a legacy `##[` anywhere. */
const isCommandLine = (line: string) => line.trimStart().startsWith('::') || line.includes('##[')

describe('safeForLog', () => {
  it.each([
    ['LF', 'name\n::error::forged'],
    ['CR', 'name\r::add-mask::forged'],
    ['CRLF', 'name\r\n::set-output name=status::forged'],
    ['indented', 'name\n   \t::stop-commands::forged'],
    ['vertical tab and form feed', 'a\u000b::error::x\u000c::error::y'],
    ['Unicode line breaks', 'a\u0085::error::x\u2028::error::y\u2029::error::z'],
    ['a legacy command mid-line', 'status ##[error]forged'],
    ['a command at the start', '::error::forged']
  ])('leaves no line that starts a workflow command (%s)', (_, text) => {
    const lines = safeForLog(text).split('\n')
    expect(lines.filter(isCommandLine)).toEqual([])
    expect(safeForLog(text).replace(/\n/g, '')).toMatch(/forged|::error::/)
  })

  it('keeps ordinary text as it is and marks a neutralised line visibly', () => {
    expect(safeForLog('Started scenario 1: https://app.autify.com/projects/743/results/1')).toBe(
      'Started scenario 1: https://app.autify.com/projects/743/results/1'
    )
    expect(safeForLog('Sign in\n::error::forged')).toBe('Sign in\n> ::error::forged')
  })

  it('replaces control characters other than tab', () => {
    expect(safeForLog('a\u001b[2Kb\u0000c\td\u009b')).toBe('a\ufffd[2Kb\ufffdc\td\ufffd')
  })

  it('redacts secrets before anything else, in every form they may be echoed in', async () => {
    const token = 'tok_en-4*x.y#|'
    await heldStdout(() => addSecret(token))
    const echoed = [token, encodeURIComponent(token), backslashMarkdown(token), JSON.stringify(token).slice(1, -1)]
    for (const form of echoed) expect(safeForLog(`said: ${form}\n::error::x`)).toBe('said: ***\n> ::error::x')
    expect(escapeMarkdown(`said ${token}`)).toBe('said \\*\\*\\*')
    expect(redact(`a ${token} b`)).toBe('a *** b')
  })
})

describe('headAndTail (the log output)', () => {
  const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => `line ${from + i}`)

  it('keeps everything that fits, saying how many lines the transcript itself left out', () => {
    expect(headAndTail(['a', 'b'], ['y', 'z'], 0, Infinity)).toBe('a\nb\ny\nz')
    expect(headAndTail(['a'], ['z'], 5, Infinity)).toBe('a\n… 5 lines left out (the job log has them all)\nz')
  })

  it('keeps the head and the tail within the bytes, half each, and counts every line left out', () => {
    const text = headAndTail(lines(101, 100), lines(301, 100), 100, 1000)
    expect(outputBytes(text)).toBeLessThanOrEqual(1000)
    const kept = text.split('\n')
    const marker = kept.findIndex((l) => l.startsWith('…'))
    expect(kept.slice(0, marker)).toEqual(lines(101, marker))
    expect(kept.slice(marker + 1)).toEqual(lines(401 - (kept.length - marker - 1), kept.length - marker - 1))
    expect(kept[marker]).toBe(`… ${300 - kept.length + 1} lines left out (the job log has them all)`)
    expect(Math.abs(marker - (kept.length - marker - 1))).toBeLessThanOrEqual(1)
  })

  it('gives the head the room a short tail does not need, and cuts a line too long for the room', () => {
    const text = headAndTail(lines(1, 100), ['the end'], 0, 600)
    expect(outputBytes(text)).toBeLessThanOrEqual(600)
    expect(text.split('\n').length).toBeGreaterThan(20)
    expect(text.endsWith('\nthe end')).toBe(true)
    const long = headAndTail(['決'.repeat(10_000)], [], 0, 300)
    expect(outputBytes(long)).toBeLessThanOrEqual(300)
    expect(long).toMatch(/^決+…\n… 0 lines left out/)
  })
})
