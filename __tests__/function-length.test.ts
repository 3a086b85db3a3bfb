/**
 * No function under src/ longer than MAX_LINES: each function, method, arrow function and
 * constructor, found with the TypeScript parser, measured from its first line to its last.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { repositoryRoot } from '../simulator/run-action.js'

const MAX_LINES = 60
const SRC = path.join(repositoryRoot(), 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : []
  })
}

/** Every function of `text` longer than `max` lines, as `name (N lines)`. */
export function longFunctions(fileName: string, text: string, max = MAX_LINES): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const lines = last - first + 1
      if (lines > max) found.push(`${fileName}:${first + 1} ${nameOf(node)} (${lines} lines)`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text
  if (ts.isConstructorDeclaration(node)) return 'constructor'
  const parent = node.parent
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  return '(anonymous)'
}

describe('the functions of src/', () => {
  it(`are at most ${MAX_LINES} lines long`, () => {
    const long = sourceFiles(SRC).flatMap((file) => longFunctions(path.relative(SRC, file), readFileSync(file, 'utf8')))
    expect(long).toEqual([])
  })

  it('finds a long function of each kind', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i}`).join('\n')
    const text = [
      `function declared() {\n${body(3)}\n}`,
      `export const arrow = async () => {\n${body(3)}\n}`,
      `class A {\n  method(): { a: string } {\n${body(3)}\n    return { a: '' }\n  }\n}`
    ].join('\n')
    expect(longFunctions('x.ts', text, 4)).toEqual(['x.ts:1 declared (5 lines)', 'x.ts:6 arrow (5 lines)', 'x.ts:12 method (6 lines)'])
    expect(longFunctions('x.ts', text, 6)).toEqual([])
  })
})
