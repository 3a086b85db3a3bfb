/**
 * Every relative link in README.md, CONTRIBUTING.md and docs/*.md leads somewhere: to a file that
 * exists and, with a `#fragment`, to a heading of that file (GitHub's anchors).
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

/** The targets of the links and images in a Markdown text. */
export function linkTargets(markdown: string): string[] {
  const targets: string[] = []
  const walk = (tokens: Token[] | undefined) => {
    for (const token of tokens ?? []) {
      if (token.type === 'link' || token.type === 'image') targets.push((token as Tokens.Link).href)
      const nested = token as { tokens?: Token[]; items?: Token[]; rows?: { tokens: Token[] }[][]; header?: { tokens: Token[] }[] }
      walk(nested.tokens)
      walk(nested.items)
      for (const cell of nested.header ?? []) walk(cell.tokens)
      for (const row of nested.rows ?? []) for (const cell of row) walk(cell.tokens)
    }
  }
  walk(lexer(markdown))
  return targets
}

const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target)

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
})

describe('the link checks themselves', () => {
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
