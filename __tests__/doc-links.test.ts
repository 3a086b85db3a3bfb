/**
 * Every relative link in README.md, CONTRIBUTING.md and docs/*.md leads somewhere: to a file that
 * exists and, with a `#fragment`, to a heading of that file (GitHub's anchors). Every repository path
 * they cite in backticks (`src/log.ts`, `e2e/hostile-text`, `report/verdict.ts`, `log.ts`) names a
 * file or folder that exists.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { type Token, type Tokens, lexer } from 'marked'

const root = path.resolve(import.meta.dirname, '..')
const pages = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
]

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const token of lexer(markdown)) {
    if (token.type !== 'heading') continue
    const text = (token as Tokens.Heading).text.replace(/<[^>]+>/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/** Every token of a Markdown text, nested ones (list items, table cells, link labels) included. */
function tokensOf(markdown: string): Token[] {
  const all: Token[] = []
  const walk = (tokens: Token[] | undefined) => {
    for (const token of tokens ?? []) {
      all.push(token)
      const nested = token as { tokens?: Token[]; items?: Token[]; rows?: { tokens: Token[] }[][]; header?: { tokens: Token[] }[] }
      walk(nested.tokens)
      walk(nested.items)
      for (const cell of nested.header ?? []) walk(cell.tokens)
      for (const row of nested.rows ?? []) for (const cell of row) walk(cell.tokens)
    }
  }
  walk(lexer(markdown))
  return all
}

/** The targets of the links and images in a Markdown text. */
export function linkTargets(markdown: string): string[] {
  return tokensOf(markdown)
    .filter((token) => token.type === 'link' || token.type === 'image')
    .map((token) => (token as Tokens.Link).href)
}

const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target)

/** The inline code spans of a Markdown text (fenced blocks hold commands, not citations). */
export function codeSpans(markdown: string): string[] {
  return tokensOf(markdown)
    .filter((token) => token.type === 'codespan')
    .map((token) => (token as Tokens.Codespan).text)
}

/** What the tools write and the repository does not hold: cited, but not there on a fresh clone. */
const GENERATED = new Set(['node_modules', 'coverage', 'reports', 'build', '.stryker-tmp', '.tmp'])
/** Where a short citation may start: `report/verdict.ts` is under `src/`, `e2e/cancel` under `__tests__/`. */
const BASES = ['', 'src/', '__tests__/']
const topLevel = (dir: string) => new Set(readdirSync(path.join(root, dir)))
const anchors = BASES.map((base) => ({ base, entries: topLevel(base || '.') }))
const FILE = /\.(ts|js|md|ya?ml|json|xsd|xml|png)$/

/** The files of the repository by name, for a citation of a bare file name (`log.ts`). */
function fileNames(dir = ''): Set<string> {
  const names = new Set<string>()
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (GENERATED.has(entry.name) || entry.name === '.git') continue
    if (entry.isDirectory()) for (const name of fileNames(path.join(dir, entry.name))) names.add(name)
    else names.add(entry.name)
  }
  return names
}

/**
 * The code spans of `markdown` that cite a repository path: a path under a top-level entry of the
 * repository, of `src/` or of `__tests__/`, or a bare file name with a source or document extension.
 * Package names (`@actions/core`), API paths (`/status`), refs (`octo-org/shop@0123456`) and GitHub
 * repositories (`dorny/test-reporter`) are not.
 */
export function citedPaths(markdown: string): string[] {
  return [...new Set(codeSpans(markdown))].filter((span) => {
    if (!/^[\w.-][\w./-]*$/.test(span) || span.includes('://')) return false
    const first = span.split('/')[0]
    if (GENERATED.has(first)) return false
    if (!span.includes('/')) return FILE.test(span)
    return anchors.some(({ entries }) => entries.has(first)) || FILE.test(span)
  })
}

let names: Set<string> | undefined
/** Whether `cited` names something in the repository: from the root, the page's folder, `src/` or `__tests__/`; a test by its name. */
export function citationExists(page: string, cited: string): boolean {
  if (!cited.includes('/')) return (names ??= fileNames()).has(cited)
  const bare = cited.replace(/\/$/, '')
  const bases = [...BASES, `${path.dirname(page)}/`]
  return bases.some((base) => ['', '.test.ts', '.ts'].some((suffix) => existsSync(path.join(root, `${base}${bare}${suffix}`))))
}

describe.each(pages)('%s', (page) => {
  const text = readFileSync(path.join(root, page), 'utf8')

  it('links only to files and headings that exist', () => {
    const broken: string[] = []
    for (const target of linkTargets(text).filter(isRelative)) {
      const [file, fragment] = target.split('#')
      const resolved = file ? path.normalize(path.join(path.dirname(page), decodeURIComponent(file))) : page
      if (!existsSync(path.join(root, resolved))) broken.push(`${target}: no file ${resolved}`)
      else if (fragment && resolved.endsWith('.md') && !anchorsOf(readFileSync(path.join(root, resolved), 'utf8')).has(fragment)) {
        broken.push(`${target}: no heading #${fragment} in ${resolved}`)
      }
    }
    expect(broken).toEqual([])
  })

  it('cites only repository paths that exist', () => {
    expect(citedPaths(text).filter((cited) => !citationExists(page, cited))).toEqual([])
  })
})

describe('the link checks themselves', () => {
  it('take paths, short paths, test names and file names as citations, not packages, API paths or repositories', () => {
    const text =
      'See `src/log.ts`, `report/verdict.ts`, `e2e/cancel`, `.ci/run`, `log.ts`, `docs/`, `npm test`, `@actions/core`, ' +
      '`/status`, `dorny/test-reporter`, `octo-org/shop@0123456`, `coverage/index.html`, `fail-on: new`, `https://x.io/a.ts`.\n\n' +
      '```sh\ncat src/nowhere.ts\n```\n'
    expect(citedPaths(text)).toEqual(['src/log.ts', 'report/verdict.ts', 'e2e/cancel', '.ci/run', 'log.ts', 'docs/'])
  })

  it('find what a citation names, and nothing for a path that is not there', () => {
    expect(
      ['src/log.ts', 'report/verdict.ts', 'e2e/cancel', 'log.ts', 'docs/', 'junit-10.xsd'].filter((c) => !citationExists('README.md', c))
    ).toEqual([])
    expect(['src/nowhere.ts', 'e2e/hostile', 'nowhere.ts', 'src/report/summary.md'].filter((c) => citationExists('README.md', c))).toEqual(
      []
    )
  })

  it('find links in paragraphs, lists and tables, and images', () => {
    expect(linkTargets('[a](x.md)\n\n- [b](y.md#z)\n\n| c |\n|---|\n| [d](#e) |\n\n![f](g.png)\n')).toEqual([
      'x.md',
      'y.md#z',
      '#e',
      'g.png'
    ])
  })

  it('make anchors as GitHub does', () => {
    expect([...anchorsOf('# Migrating from `autifyhq/actions-web-test-run`\n## Reliability and security\n## Notes\n## Notes\n')]).toEqual([
      'migrating-from-autifyhqactions-web-test-run',
      'reliability-and-security',
      'notes',
      'notes-1'
    ])
  })
})
