/**
 * The shape of `src/`: no import circle (type-only and on-demand `import()` included),
 * `settings/` a leaf of types that imports only its own files and `util/`, and the real world
 * (`Date.now`, `realClock`, `process.env`, `@actions/core`) reached only by the few adapters named for it.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../simulator/run-action.js'

const SRC = path.join(repositoryRoot(), 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : []
  })
}

/** `from './x.js'`, `import './x.js'`, `import('./x.js')`, `export … from './x.js'`: relative ones only. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g

/** Each file of src/ (relative, e.g. `settings/settings.ts`) and the files of src/ it imports. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(IMPORT)].map((m) =>
      path.relative(SRC, path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts')))
    )
    graph.set(path.relative(SRC, file), [...new Set(targets)])
  }
  return graph
}

/** Every circle, each as the files along it (the first repeated at the end). */
export function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file)
  return found
}

/** Files of src/ (relative) whose code, comments left out, matches `pattern`. */
export function filesMatching(pattern: RegExp, files: Map<string, string> = sourceTexts()): string[] {
  return [...files]
    .filter(([, text]) => pattern.test(withoutComments(text)))
    .map(([file]) => file)
    .sort()
}

function sourceTexts(): Map<string, string> {
  return new Map(sourceFiles(SRC).map((file) => [path.relative(SRC, file), readFileSync(file, 'utf8')]))
}

/** The text without `//` and `/* … *\/` comments (a `//` inside a string such as a URL is kept). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

/** The adapters to the runner's world: `@actions/core` is imported by these and no other module. */
const CORE_ADAPTERS = ['actions-runtime.ts', 'log.ts', 'secrets.ts']

describe('the real world in src/', () => {
  it('reads Date.now only in util/clock.ts', () => {
    expect(filesMatching(/\bDate\.now\b/)).toEqual(['util/clock.ts'])
  })

  it('names realClock only where it is defined and where the runtime is built', () => {
    expect(filesMatching(/\brealClock\b/)).toEqual(['actions-runtime.ts', 'util/clock.ts'])
  })

  it('reads process.env only where the runtime is built', () => {
    expect(filesMatching(/\bprocess\.env\b/)).toEqual(['actions-runtime.ts'])
  })

  it(`imports @actions/core in at most ${CORE_ADAPTERS.length} modules, the adapters`, () => {
    expect(filesMatching(/(?:from|import)\s*\(?\s*['"]@actions\/core['"]/)).toEqual(CORE_ADAPTERS)
  })

  it('catches each rule being broken', () => {
    const files = new Map([
      ['a.ts', 'export const t = () => Date.now()'],
      ['b.ts', "// Date.now() in a comment\nimport * as core from '@actions/core'"],
      ['c.ts', "const url = 'http://x' // realClock\nconst c = realClock"],
      ['d.ts', '// process.env\nconst home = process.env.HOME']
    ])
    expect(filesMatching(/\bDate\.now\b/, files)).toEqual(['a.ts'])
    expect(filesMatching(/from\s*['"]@actions\/core['"]/, files)).toEqual(['b.ts'])
    expect(filesMatching(/\brealClock\b/, files)).toEqual(['c.ts'])
    expect(filesMatching(/\bprocess\.env\b/, files)).toEqual(['d.ts'])
  })
})

describe('the import graph of src/', () => {
  const graph = importGraph()

  it('reads the imports it checks', () => {
    expect(graph.get('main.ts')).toEqual(expect.arrayContaining(['settings/read-settings.ts', 'log.ts']))
    expect(graph.get('github/check-run-reporter.ts')).toContain('github/check-run.ts')
    for (const [file, targets] of graph) for (const target of targets) expect(`${file} → ${target}: ${graph.has(target)}`).toMatch(/true$/)
  })

  it('has no circle', () => {
    expect(circles(graph).map((c) => c.join(' → '))).toEqual([])
  })

  it('finds a circle when there is one', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']]
    ])
    expect(circles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })

  it('keeps settings/ a leaf: it imports its own files and util/ only', () => {
    const outside = [...graph]
      .filter(([file]) => file.startsWith('settings/'))
      .flatMap(([file, targets]) =>
        targets.filter((t) => !t.startsWith('settings/') && !t.startsWith('util/')).map((t) => `${file} → ${t}`)
      )
    expect(outside).toEqual([])
  })
})
