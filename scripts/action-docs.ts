/**
 * The README's input and output tables, made from `action.yml` so the two cannot drift (as
 * actions/checkout does). `npm run docs` rewrites them; a test fails when they differ.
 */
import { parse } from 'yaml'

interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

export function readActionMetadata(yamlText: string): ActionMetadata {
  const parsed = parse(yamlText) as ActionMetadata
  return { inputs: parsed.inputs ?? {}, outputs: parsed.outputs ?? {} }
}

const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim()

/** Inputs with a page of their own in `docs/` list there, not in the README's table. */
export const INPUT_PAGES = [
  { file: 'docs/testify.md', prefix: 'testify-' },
  { file: 'docs/autify-connect.md', prefix: 'autify-connect-client' }
]

const onItsOwnPage = (name: string) => INPUT_PAGES.some((page) => name.startsWith(page.prefix))

export function renderInputsTable(metadata: ActionMetadata, include: (name: string) => boolean = () => true): string {
  const rows = Object.entries(metadata.inputs)
    .filter(([name]) => include(name))
    .map(([name, input]) => {
      const fallback = input.required ? '**required**' : input.default !== undefined && input.default !== '' ? `\`${input.default}\`` : ''
      return `| \`${name}\` | ${cell(fallback)} | ${cell(input.description)} |`
    })
  return ['| Input | Default | What it does |', '|---|---|---|', ...rows].join('\n')
}

export function renderOutputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  return ['| Output | What it holds |', '|---|---|', ...rows].join('\n')
}

/** `text` with what lies between the `marker` comments replaced by `table`. */
function replaceBetween(text: string, file: string, marker: string, table: string): string {
  const start = `<!-- ${marker}:start (generated from action.yml by npm run docs) -->`
  const end = `<!-- ${marker}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`${file} has no '${start}' … '${end}' markers.`)
  return `${text.slice(0, from + start.length)}\n\n${table}\n\n${text.slice(to)}`
}

/** The README with its input table (inputs without a page of their own) and output table made from `action.yml`. */
export function updateReadme(readme: string, metadata: ActionMetadata): string {
  const inputs = renderInputsTable(metadata, (name) => !onItsOwnPage(name))
  return replaceBetween(replaceBetween(readme, 'README.md', 'inputs', inputs), 'README.md', 'outputs', renderOutputsTable(metadata))
}

/** A `docs/` page of `INPUT_PAGES` with its input table made from `action.yml`. */
export function updateInputsPage(page: string, file: string, metadata: ActionMetadata): string {
  const { prefix } = INPUT_PAGES.find((p) => p.file === file) ?? { prefix: '' }
  return replaceBetween(
    page,
    file,
    'inputs',
    renderInputsTable(metadata, (name) => name.startsWith(prefix))
  )
}
