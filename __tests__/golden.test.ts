/**
 * The rendered reports of representative runs, compared whole with the files in
 * `__tests__/__outputs__/<case>/`, so a change to rendering shows as a diff of those files.
 * After an intended change, `npm run test:golden-update` rewrites them; review and commit the diff.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { addSecret } from '../src/secrets.js'
import { GOLDEN_CASES, HOSTILE_SECRET, renderGoldenFiles } from './helpers/golden-reports.js'
import { heldStdout } from './helpers/stdout.js'

const OUTPUTS = path.join(import.meta.dirname, '__outputs__')
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const HINT = 'differs from the rendering: if the change is intended, run `npm run test:golden-update` and commit the files'

// Known as a secret, as an input's value would be: the reports show it redacted.
await heldStdout(() => addSecret(HOSTILE_SECRET))
const rendered = GOLDEN_CASES.map((golden) => ({ name: golden.name, files: renderGoldenFiles(golden) }))

if (UPDATE) {
  rmSync(OUTPUTS, { recursive: true, force: true })
  for (const { name, files } of rendered) {
    mkdirSync(path.join(OUTPUTS, name), { recursive: true })
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(OUTPUTS, name, file), text)
  }
}

describe.each(rendered)('the rendered reports of "$name"', ({ name, files }) => {
  it.each(Object.keys(files))('%s is the committed file', (file) => {
    const committed = path.join(OUTPUTS, name, file)
    expect(
      existsSync(committed) ? 'present' : `missing: ${path.relative(process.cwd(), committed)}; run \`npm run test:golden-update\``
    ).toBe('present')
    const expected = readFileSync(committed, 'utf8')
    if (files[file] !== expected)
      throw new Error(`${path.relative(process.cwd(), committed)} ${HINT}.\n\n${firstDifference(expected, files[file])}`)
  })
})

describe('the committed reports', () => {
  it('are exactly the cases and files rendered (none left over)', () => {
    const committed = readdirSync(OUTPUTS).flatMap((name) => readdirSync(path.join(OUTPUTS, name)).map((file) => `${name}/${file}`))
    const expected = rendered.flatMap(({ name, files }) => Object.keys(files).map((file) => `${name}/${file}`))
    expect(committed.sort()).toEqual(expected.sort())
  })

  it('hold no line the runner would read as a command, no mention in Markdown and no secret', () => {
    const problems = rendered.flatMap(({ name, files }) =>
      Object.entries(files).flatMap(([file, text]) => [
        ...text
          .split(/\r\n|[\n\r\u2028\u2029\u0085]/)
          .filter((line) => /^\s*::/.test(line))
          .map((line) => `${name}/${file}: command ${JSON.stringify(line)}`),
        ...(file.endsWith('.md') ? (text.match(/@[\p{L}\p{N}_][\w/-]*/gu) ?? []).map((m) => `${name}/${file}: mention ${m}`) : []),
        ...(text.includes(HOSTILE_SECRET) ? [`${name}/${file}: the secret`] : [])
      ])
    )
    expect(problems).toEqual([])
  })
})

/** The first line that differs, with its neighbours, where a whole-file diff would be too long to read. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n')
  const b = actual.split('\n')
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const around = (lines: string[]) => lines.slice(Math.max(0, i - 2), i + 3).map((line, k) => `${Math.max(0, i - 2) + k + 1}: ${line}`)
  return [`First difference at line ${i + 1}.`, 'committed:', ...around(a), 'rendered now:', ...around(b)].join('\n')
}
