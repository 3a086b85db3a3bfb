/**
 * Every ```yaml block in README.md (and in the docs/ pages) is a workflow or a list of steps a user copies: it must parse,
 * keep every value it shows, validate against SchemaStore's github-workflow schema (vendored, source
 * in __fixtures__/schemas/README.md) and pass this action only inputs that action.yml declares.
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { type Document, isMap, isSeq, parse, parseDocument, visit } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
const schema = JSON.parse(readFileSync(path.join(root, '__fixtures__/schemas/github-workflow.json'), 'utf8'))
const actionInputs = Object.keys((parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: object }).inputs)
const THIS_ACTION = /^OWNER\/autify-web-test-action@/

interface Block {
  title: string
  line: number
  source: string
}

/** The fenced ```yaml blocks, each named after the heading above it. */
function yamlBlocks(markdown: string): Block[] {
  const blocks: Block[] = []
  let heading = '(top)'
  let open: Block | null = null
  markdown.split('\n').forEach((line, index) => {
    if (open) {
      if (/^```\s*$/.test(line)) {
        blocks.push(open)
        open = null
      } else open.source += `${line}\n`
    } else if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '')
    else if (/^```ya?ml\s*$/.test(line)) open = { title: heading, line: index + 1, source: '' }
  })
  if (open) throw new Error(`README.md: the yaml block at line ${(open as Block).line} is never closed.`)
  return blocks
}

/**
 * Plain scalars that a `#` cut short: YAML starts a comment at ` #`, so `name: PR #${{ x }}` is
 * `PR`. A comment glued to its `#` (`#123`, `#${{`) or holding an expression was meant as text.
 */
function truncatedScalars(doc: Document): string[] {
  const found: string[] = []
  visit(doc, {
    Scalar(_key, node) {
      const comment = node.comment
      if (node.type !== 'PLAIN' || comment == null) return
      if (/^\S/.test(comment) || comment.includes('${{')) found.push(`'${String(node.value)}' followed by '#${comment}'`)
    }
  })
  return found
}

/** Every string value in a parsed document. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
  return []
}

/** A block of steps becomes the steps of a one-job workflow; a whole workflow stays as it is. */
function asWorkflow(value: unknown): unknown {
  if (Array.isArray(value)) return { on: 'push', jobs: { test: { 'runs-on': 'ubuntu-latest', steps: value } } }
  return value
}

function stepsOf(workflow: unknown): { uses?: string; with?: Record<string, unknown> }[] {
  const jobs = (workflow as { jobs?: Record<string, { steps?: unknown[] }> }).jobs ?? {}
  return Object.values(jobs).flatMap((job) => (job.steps ?? []) as { uses?: string; with?: Record<string, unknown> }[])
}

const ajv = new Ajv({ strict: false, allErrors: true })
const validateWorkflow = ajv.compile(schema)
const blocks = yamlBlocks(readme)
/** The docs/ pages' examples, checked the same way. */
const docBlocks = readdirSync(path.join(root, 'docs'))
  .filter((file) => file.endsWith('.md'))
  .flatMap((file) =>
    yamlBlocks(readFileSync(path.join(root, 'docs', file), 'utf8')).map((b) => ({ ...b, title: `docs/${file}: ${b.title}` }))
  )

describe('README workflows', () => {
  it('are found', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5)
    expect(blocks.map((b) => b.title)).toEqual(
      expect.arrayContaining(['Quick start', 'Several scenarios on several browsers', 'A test plan when code is merged to main'])
    )
  })

  describe.each([...blocks, ...docBlocks].map((b) => [`${b.title} (line ${b.line})`, b] as const))('%s', (_name, block) => {
    const doc = parseDocument(block.source, { prettyErrors: true })

    it('parses as YAML with no value cut short by a comment', () => {
      expect(doc.errors.map((e) => e.message)).toEqual([])
      expect(doc.warnings.map((e) => e.message)).toEqual([])
      expect(truncatedScalars(doc)).toEqual([])
      // Every expression written in the block is in a value, not lost in a comment.
      const values = strings(doc.toJS()).join('\n')
      for (const [expression] of block.source.matchAll(/\$\{\{.*?\}\}/g)) expect(values).toContain(expression)
    })

    it("is a valid GitHub Actions workflow (as a job's steps when it is a list of steps)", () => {
      const value = doc.toJS()
      expect(isMap(doc.contents) || isSeq(doc.contents)).toBe(true)
      const valid = validateWorkflow(asWorkflow(value))
      expect(valid ? [] : validateWorkflow.errors).toEqual([])
    })

    it('passes this action only the inputs action.yml declares', () => {
      const steps = stepsOf(asWorkflow(doc.toJS())).filter((s) => THIS_ACTION.test(s.uses ?? ''))
      expect(steps.length).toBeGreaterThan(0)
      for (const step of steps) {
        const unknown = Object.keys(step.with ?? {}).filter((input) => !actionInputs.includes(input))
        expect(unknown).toEqual([])
        expect(step.with).toHaveProperty('access-token')
      }
    })
  })

  it('keep the values the examples show', () => {
    const stepWith = (title: string) => {
      const block = blocks.find((b) => b.title === title)!
      return stepsOf(asWorkflow(parse(block.source))).find((s) => THIS_ACTION.test(s.uses ?? ''))!.with!
    }
    expect(stepWith('Several scenarios on several browsers')['test-execution-name']).toBe('PR #${{ github.event.pull_request.number }}')
    const merged = stepsOf(parse(blocks.find((b) => b.title === 'A test plan when code is merged to main')!.source))
    expect(merged.at(-1)).toMatchObject({
      env: { SUMMARY: '${{ steps.autify.outputs.summary }}' },
      run: expect.stringContaining('jq -n --arg text "$SUMMARY" \'{text: $text}\'')
    })
  })
})

describe('the checks themselves', () => {
  it('catch a value cut short by " #" and a mapping inside a plain scalar', () => {
    const cut = parseDocument('- uses: OWNER/autify-web-test-action@v1\n  with:\n    test-execution-name: PR #${{ github.run_id }}\n')
    expect(cut.errors).toEqual([])
    expect(truncatedScalars(cut)).toEqual(["'PR' followed by '#${{ github.run_id }}'"])
    expect(truncatedScalars(parseDocument('permissions:\n  checks: write # for the check run\n'))).toEqual([])
    expect(parseDocument('- run: echo "failed ${{ x }}: ${{ y }}"\n').errors).not.toEqual([])
  })

  it('reject a workflow GitHub would reject', () => {
    expect(validateWorkflow(asWorkflow([{ uses: 'a/b@v1', run: 'echo both' }]))).toBe(false)
    expect(validateWorkflow({ on: 'push', jobs: { test: { steps: [{ run: 'echo' }] } } })).toBe(false)
    expect(validateWorkflow(asWorkflow([{ uses: 'a/b@v1', with: { x: 1 } }]))).toBe(true)
  })

  it('find fenced yaml blocks under their headings', () => {
    expect(yamlBlocks('# A\n```yaml\na: 1\n```\n## B\n```yml\n- b\n```\n```sh\nc\n```\n')).toEqual([
      { title: 'A', line: 2, source: 'a: 1\n' },
      { title: 'B', line: 6, source: '- b\n' }
    ])
  })
})
