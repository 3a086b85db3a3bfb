/** `npm run docs`: rewrites the README's input and output tables from action.yml. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../simulator/run-action.js'
import { readActionMetadata, updateReadme } from './action-docs.js'

const root = repositoryRoot()
const readmePath = path.join(root, 'README.md')
const readme = readFileSync(readmePath, 'utf8')
const updated = updateReadme(readme, readActionMetadata(readFileSync(path.join(root, 'action.yml'), 'utf8')))
if (updated !== readme) writeFileSync(readmePath, updated)
console.log(updated === readme ? 'README.md tables are up to date.' : 'README.md tables rewritten from action.yml.')
