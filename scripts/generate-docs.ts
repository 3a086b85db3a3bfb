/**
 * `npm run docs`: rewrites the input and output tables of README.md and the docs/ pages from
 * action.yml, and the measured figures of the docs (the bundle's size) from the repository.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../simulator/run-action.js'
import { INPUT_PAGES, readActionMetadata, updateInputsPage, updateReadme } from './action-docs.js'
import { FIGURE_PAGES, measureFigures, updateFigures } from './doc-figures.js'

const root = repositoryRoot()
const metadata = readActionMetadata(readFileSync(path.join(root, 'action.yml'), 'utf8'))
const files: [string, (text: string) => string][] = [
  ['README.md', (text) => updateReadme(text, metadata)],
  ...INPUT_PAGES.map(({ file }): [string, (text: string) => string] => [file, (text) => updateInputsPage(text, file, metadata)])
]
for (const [file, update] of files) rewrite(file, update, 'tables', 'from action.yml')
const figures = measureFigures(root)
for (const file of FIGURE_PAGES) rewrite(file, (text) => updateFigures(text, figures), 'figures', 'from dist/')

function rewrite(file: string, update: (text: string) => string, what: string, source: string): void {
  const full = path.join(root, file)
  const text = readFileSync(full, 'utf8')
  const updated = update(text)
  if (updated !== text) writeFileSync(full, updated)
  console.log(updated === text ? `${file}: ${what} are up to date.` : `${file}: ${what} rewritten ${source}.`)
}
