/**
 * The figures the docs quote from the repository (the bundle's size) are the measured ones: after
 * `npm run build`, `npm run docs` rewrites them.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { FIGURE_PAGES, measureFigures, updateFigures } from '../scripts/doc-figures.js'

const root = path.resolve(import.meta.dirname, '..')

describe.each(FIGURE_PAGES)('%s', (page) => {
  it('quotes the figures as measured now (else run `npm run docs`)', () => {
    const text = readFileSync(path.join(root, page), 'utf8')
    expect(text).toMatch(/<!-- figure:/)
    const stale = (text.match(/<!-- figure:[\s\S]*?<!-- \/figure -->/g) ?? []).filter(
      (marked) => updateFigures(marked, measureFigures(root)) !== marked
    )
    expect(stale).toEqual([])
  })
})

describe('figures', () => {
  it('are rewritten between their markers and nowhere else', () => {
    expect(
      updateFigures('a <!-- figure:x -->1 KiB<!-- /figure --> b 1 KiB, <!-- figure:y --><!-- /figure -->', { x: '2 KiB', y: '3' })
    ).toBe('a <!-- figure:x -->2 KiB<!-- /figure --> b 1 KiB, <!-- figure:y -->3<!-- /figure -->')
  })

  it('refuse a name they do not know', () => {
    expect(() => updateFigures('<!-- figure:nope -->1<!-- /figure -->', { x: '1' })).toThrow("Unknown figure 'nope': known are x.")
  })

  it('measure the bundle in KiB and count its lazy chunks', () => {
    const figures = measureFigures(root)
    expect(figures['bundle-size']).toMatch(/^\d+ KiB$/)
    expect(Number(figures['lazy-chunks'])).toBeGreaterThan(0)
  })
})
