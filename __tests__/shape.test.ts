import { describe, expect, it } from '@jest/globals'
import { apiShapes } from '../src/autify/api-types.js'
import {
  ShapeError,
  integer,
  list,
  matching,
  nullIfInvalid,
  nullable,
  object,
  oneOf,
  parseShape,
  requiredList,
  string
} from '../src/util/shape.js'

const failure = (run: () => unknown): ShapeError => {
  try {
    run()
  } catch (error) {
    if (error instanceof ShapeError) return error
    throw error
  }
  throw new Error('no ShapeError')
}

describe('shapes', () => {
  const thing = object({ id: integer, name: nullable(string), tags: list(string), kind: oneOf(['a', 'b'] as const) })

  it('keeps the listed fields, drops the rest, and takes null or absent lists as empty', () => {
    expect(parseShape(thing, { id: 1, name: null, kind: 'a', extra: { deep: true } })).toEqual({ id: 1, name: null, tags: [], kind: 'a' })
  })

  it('names the field path and the types, never the value', () => {
    const error = failure(() =>
      parseShape(object({ items: requiredList(thing) }), {
        items: [
          { id: 1, kind: 'a' },
          { id: '2"/><x', kind: 'a' }
        ]
      })
    )
    expect(error.message).toBe('items[1].id is a string, expected an integer')
    expect(error.message).not.toContain('<x')
    expect(failure(() => parseShape(thing, { id: 1, kind: '::error::x' })).message).toMatch(/^kind is a string, expected one of/)
    expect(failure(() => parseShape(thing, null)).message).toMatch(/is null, expected an object/)
  })

  it('reads the recorded quirks of the Autify API', () => {
    expect(parseShape(apiShapes.executeSchedule, { data: { id: '1920728', type: 'result' } })).toBe(1920728)
    expect(failure(() => parseShape(apiShapes.executeSchedule, { data: { id: 'abc' } }))).toBeInstanceOf(ShapeError)
    expect(failure(() => parseShape(apiShapes.result, { id: 1, status: 'passed', test_plan_capability_results: 5 })).message).toBe(
      'test_plan_capability_results is a number, expected an array'
    )
  })
})

describe('lenient shapes', () => {
  it('nullIfInvalid reads a mismatch as null, but lets other errors through', () => {
    expect(parseShape(nullIfInvalid(integer), 'x')).toBeNull()
    expect(parseShape(nullIfInvalid(integer), 3)).toBe(3)
    const broken = nullIfInvalid(() => {
      throw new TypeError('a bug')
    })
    expect(() => parseShape(broken, 1)).toThrow(TypeError)
  })

  it('matching leaves out the entries that do not match, and is strict on the list itself', () => {
    expect(parseShape(matching(object({ id: integer })), [{ id: 1 }, null, { id: 'x' }, { id: 2, more: true }])).toEqual([
      { id: 1 },
      { id: 2 }
    ])
    expect(parseShape(matching(integer), undefined)).toEqual([])
    expect(() => parseShape(matching(integer), {})).toThrow(ShapeError)
  })
})
