import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { INPUT_PAGES, readActionMetadata, updateInputsPage, updateReadme } from '../scripts/action-docs.js'
import { OUTPUT_NAMES } from '../src/report/outputs.js'
import { readSettings } from '../src/settings/read-settings.js'
import { readGitHubContext } from '../src/github/context.js'

const root = path.resolve(import.meta.dirname, '..')
const metadata = readActionMetadata(readFileSync(path.join(root, 'action.yml'), 'utf8'))

/** The names `readSettings` reads for the given inputs. */
function inputsRead(inputs: Record<string, string>): Set<string> {
  const names = new Set<string>()
  readSettings(
    (name) => {
      names.add(name)
      return inputs[name] ?? ''
    },
    readGitHubContext({ GITHUB_REPOSITORY: 'octo/app', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' })
  )
  return names
}

describe('action.yml', () => {
  it('declares exactly the inputs the code reads', () => {
    const read = new Set([
      ...inputsRead({ 'access-token': 'token-1234', 'project-id': '1', 'scenario-ids': '2' }),
      ...inputsRead({
        'access-token': 'token-1234',
        'project-id': '1',
        'test-plan-id': '3',
        'testify-api-key': 'secret-1234',
        'testify-subject': 'subject-1234',
        'testify-tenant': 'tenant-1234',
        'testify-checklist-template': 'template'
      })
    ])
    expect([...read].sort()).toEqual(Object.keys(metadata.inputs).sort())
  })

  it('declares exactly the outputs the code sets', () => {
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(metadata.outputs).sort())
  })

  it('states each default once: in the Default column, not again in the description', () => {
    const repeating = Object.entries(metadata.inputs).filter(([, input]) => /\bdefault\b/i.test(input.description))
    expect(repeating.map(([name]) => name)).toEqual([])
  })

  it('is what the README tables say (run `npm run docs` after changing action.yml)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    expect(updateReadme(readme, metadata)).toBe(readme)
  })

  it.each(INPUT_PAGES.map((p) => p.file))('is what the input table of %s says (run `npm run docs`)', (file) => {
    const page = readFileSync(path.join(root, file), 'utf8')
    expect(updateInputsPage(page, file, metadata)).toBe(page)
  })

  it('lists every input in exactly one generated table', () => {
    const inputsTable = (file: string) => {
      const text = readFileSync(path.join(root, file), 'utf8')
      return text.slice(text.indexOf('<!-- inputs:start'), text.indexOf('<!-- inputs:end -->'))
    }
    const tables = ['README.md', ...INPUT_PAGES.map((p) => p.file)].map(inputsTable)
    for (const name of Object.keys(metadata.inputs)) {
      const rows = tables.flatMap((text) => text.split('\n')).filter((line) => line.startsWith(`| \`${name}\` |`))
      expect([name, rows.length]).toEqual([name, 1])
    }
  })
})
