/** `npm run docs`: rewrites the input and output tables of README.md and the docs/ pages from action.yml. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../simulator/run-action.js'
import { INPUT_PAGES, readActionMetadata, updateInputsPage, updateReadme } from './action-docs.js'

const root = repositoryRoot()
const metadata = readActionMetadata(readFileSync(path.join(root, 'action.yml'), 'utf8'))
const files: [string, (text: string) => string][] = [
  ['README.md', (text) => updateReadme(text, metadata)],
  ...INPUT_PAGES.map(({ file }): [string, (text: string) => string] => [file, (text) => updateInputsPage(text, file, metadata)])
]
for (const [file, update] of files) {
  const full = path.join(root, file)
  const text = readFileSync(full, 'utf8')
  const updated = update(text)
  if (updated !== text) writeFileSync(full, updated)
  console.log(updated === text ? `${file}: tables are up to date.` : `${file}: tables rewritten from action.yml.`)
}
