import { describe, expect, it } from '@jest/globals'
import { safeForLog } from '../src/log.js'
import { addSecret, redact } from '../src/secrets.js'
import { escapeMarkdown } from '../src/report/markdown.js'
import { backslashMarkdown } from '../src/util/format.js'
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
