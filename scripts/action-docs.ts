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

export function renderInputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.inputs).map(([name, input]) => {
    const fallback = input.required ? '**required**' : input.default !== undefined && input.default !== '' ? `\`${input.default}\`` : ''
    return `| \`${name}\` | ${cell(fallback)} | ${cell(input.description)} |`
  })
  return ['| Input | Default | What it does |', '|---|---|---|', ...rows].join('\n')
}

export function renderOutputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  return ['| Output | What it holds |', '|---|---|', ...rows].join('\n')
}

/** `readme` with the text between each pair of markers replaced by the table made from `action.yml`. */
export function updateReadme(readme: string, metadata: ActionMetadata): string {
  const replace = (text: string, marker: string, table: string) => {
    const start = `<!-- ${marker}:start (generated from action.yml by npm run docs) -->`
    const end = `<!-- ${marker}:end -->`
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from < 0 || to < from) throw new Error(`README.md has no '${start}' … '${end}' markers.`)
    return `${text.slice(0, from + start.length)}\n\n${table}\n\n${text.slice(to)}`
  }
  return replace(replace(readme, 'inputs', renderInputsTable(metadata)), 'outputs', renderOutputsTable(metadata))
}
