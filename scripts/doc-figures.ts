/**
 * Figures the docs quote that the repository can measure, written between markers rather than typed:
 * `<!-- figure:bundle-size -->646 KiB<!-- /figure -->`. `npm run docs` rewrites them; a test fails
 * when one is stale (after `npm run build`, run `npm run docs`).
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** The pages that hold figures. */
export const FIGURE_PAGES = ['docs/performance.md']

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`

/** Every figure by name, measured now. */
export function measureFigures(root: string): Record<string, string> {
  const dist = path.join(root, 'dist')
  const size = (file: string) => statSync(path.join(dist, file)).size
  // ncc writes each lazily imported module as a numbered chunk beside index.js.
  const chunks = readdirSync(dist).filter((file) => /^\d+\.index\.js$/.test(file))
  return {
    'bundle-size': kib(size('index.js')),
    'lazy-size': kib(chunks.reduce((sum, file) => sum + size(file), 0)),
    'lazy-chunks': String(chunks.length)
  }
}

const FIGURE = /<!-- figure:([\w-]+) -->([\s\S]*?)<!-- \/figure -->/g

/** `text` with every figure between markers replaced by its measure; an unknown name is an error. */
export function updateFigures(text: string, figures: Record<string, string>): string {
  return text.replace(FIGURE, (_, name: string) => {
    if (!(name in figures)) throw new Error(`Unknown figure '${name}': known are ${Object.keys(figures).join(', ')}.`)
    return `<!-- figure:${name} -->${figures[name]}<!-- /figure -->`
  })
}
