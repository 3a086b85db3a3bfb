import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { apiShapes } from '../src/autify/api-types.js'
import { creditsOf } from '../src/autify/run-report.js'
import { type LogSink, useLogSink } from '../src/log.js'
import { sumCounts, wholeCount, wholeMilliseconds } from '../src/util/numbers.js'
import { parseShape } from '../src/util/shape.js'
import { recordingSink } from './helpers/in-process.js'

// What the parser ignores is logged as debug lines: recorded here, not printed.
const debug: string[] = []
let previousSink: LogSink
beforeEach(() => {
  debug.length = 0
  previousSink = useLogSink(recordingSink((kind, text) => kind === 'debug' && debug.push(text)))
})
afterEach(() => {
  useLogSink(previousSink)
})

describe('wholeCount', () => {
  it.each([0, 1, 12, Number.MAX_SAFE_INTEGER])('keeps %p', (value) => expect(wholeCount(value)).toBe(value))
  it.each([1e308, Infinity, NaN, 5e-324, 1e21, -5, -0.5, 1.5, '12', null, undefined, {}, true])('ignores %p', (value) =>
    expect(wholeCount(value)).toBeNull()
  )
})

describe('wholeMilliseconds', () => {
  it.each([
    [0, 0],
    [1234, 1234],
    [5e-324, 0],
    [1234.6, 1235]
  ])('reads %p as %p', (value, expected) => expect(wholeMilliseconds(value)).toBe(expected))
  it.each([1e308, 1e21, Infinity, NaN, -1, '300'])('ignores %p', (value) => expect(wholeMilliseconds(value)).toBeNull())
})

describe('sumCounts', () => {
  it('adds, and holds at the largest safe integer rather than losing precision', () => {
    expect(sumCounts([1, 2, 3])).toBe(6)
    expect(sumCounts([])).toBe(0)
    expect(sumCounts([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER])).toBe(Number.MAX_SAFE_INTEGER)
  })
})

describe('credits from a result', () => {
  const resultWith = (credits: unknown[]) => ({
    id: 9,
    status: 'failed',
    test_plan_capability_results: [
      {
        capability: { os: 'Linux', browser: 'Chrome' },
        test_case_results: credits.map((c, i) => ({ id: i + 1, test_case_id: i + 1, status: 'passed', number_of_credits_consumed: c }))
      }
    ]
  })

  it('counts only whole, non-negative numbers and keeps the result readable', () => {
    const result = parseShape(apiShapes.result, resultWith([1e308, 1e308, 5e-324, -5, '12', 1e21, 2, 3]))
    expect(result.status).toBe('failed')
    const credits = creditsOf([{ resultId: 9, resultUrl: 'u', last: result }])
    expect(credits).toEqual({ total: 5, perAttempt: [5], rerunEverything: null })
    expect(String(credits?.total)).toBe('5')
  })

  it('says nothing of credits when none is sane', () => {
    const result = parseShape(apiShapes.result, resultWith([1e308, '12', -5]))
    expect(creditsOf([{ resultId: 9, resultUrl: 'u', last: result }])).toBeNull()
    expect(debug).toContain(
      'Ignored test_plan_capability_results[0].test_case_results[1].number_of_credits_consumed from Autify: a string, expected a whole number of credits, 0 or more.'
    )
  })

  it('ignores a duration that is not sane milliseconds', () => {
    const body = resultWith([1])
    const parsed = parseShape(apiShapes.result, { ...body, duration: 1e308 })
    expect(parsed.duration).toBeNull()
    expect(debug).toEqual(['Ignored duration from Autify: 1e+308, expected milliseconds, 0 or more.'])
  })
})
