import { describe, expect, it } from '@jest/globals'
import { capabilityName, checkIdentifierFor, describeTestCase, planCheckResults } from '../src/testify/check-results.js'
import type { WireCheck } from '../src/testify/wire.js'
import { testCase } from './helpers/testify-fixtures.js'

const check = (identifier: string, type: string | null = 'testify_booleantestcase'): WireCheck => ({
  identifier,
  checkId: `id-${identifier}`,
  type,
  title: null
})

describe('checkIdentifierFor', () => {
  it('fills in scenario ID, name and the capability without the browser version', () => {
    const linux = testCase(91437, 'Sign in', 'passed')
    const windows = testCase(91437, 'Sign in', 'passed', { windows: true })
    expect(checkIdentifierFor('{scenario-name}', linux)).toBe('Sign in')
    expect(checkIdentifierFor('AUT-{scenario-id} {scenario-name} [{capability}]', windows)).toBe('AUT-91437 Sign in [Windows 11 · Edge]')
    expect(checkIdentifierFor('{scenario-id}{scenario-id}', linux)).toBe('9143791437')
    expect(capabilityName(linux.capability)).toBe('Linux · Chrome')
  })
})

describe('describeTestCase', () => {
  it('says status, capability, duration, review and the link', () => {
    const c = testCase(1, 'Sign in', 'internal_error', { durationMs: 61_000, reviewNeeded: 2 })
    expect(describeTestCase(c)).toBe(`Internal error · Linux · Chrome 136.0 · 1m 01s · review needed (2) · ${c.url}`)
    const flaky = testCase(1, 'Sign in', 'passed', { flaky: true })
    expect(describeTestCase(flaky)).toMatch(/^Passed on attempt 2 \(flaky\) · /)
  })

  it('falls back to the scenario link when the result has none', () => {
    const c = { ...testCase(1, 'Sign in', 'passed'), url: null }
    expect(describeTestCase(c)).toBe('Passed · Linux · Chrome 136.0 · 2.5s · https://app.autify.com/projects/743/scenarios/1')
  })
})

describe('planCheckResults', () => {
  it('gives a Logical check true or false and a Text check the description', () => {
    const passed = testCase(1, 'Sign in', 'passed')
    const failed = testCase(2, 'Pay', 'failed')
    const error = testCase(3, 'Refund', 'internal_error')
    const plan = planCheckResults(
      [passed, failed, error],
      [check('Sign in'), check('Pay'), check('Refund', 'testify_texttestcase')],
      '{scenario-name}'
    )
    expect(plan.posts.map((p) => [p.check.identifier, p.value, p.comment])).toEqual([
      ['Sign in', true, describeTestCase(passed)],
      ['Pay', false, describeTestCase(failed)],
      ['Refund', describeTestCase(error), null]
    ])
    expect(plan.posts.map((p) => p.passed)).toEqual([true, false, false])
    expect(plan.unmatched).toEqual([])
    expect(plan.checksWithoutResult).toEqual([])
  })

  it('matches identifiers exactly first, then ignoring case and spacing', () => {
    const plan = planCheckResults(
      [testCase(1, 'Sign  In ', 'passed'), testCase(2, 'Pay', 'passed')],
      [check('sign in'), check('Pay'), check('pay')],
      '{scenario-name}'
    )
    expect(plan.posts.map((p) => p.check.identifier)).toEqual(['sign in', 'Pay'])
    expect(plan.checksWithoutResult.map((c) => c.identifier)).toEqual(['pay'])
  })

  it('lists results without a check and checks without a result', () => {
    const stray = testCase(9, 'Newsletter', 'passed')
    const plan = planCheckResults(
      [testCase(1, 'Sign in', 'passed'), stray],
      [check('Sign in'), check('Release approved')],
      '{scenario-name}'
    )
    expect(plan.unmatched).toEqual([{ testCase: stray, identifier: 'Newsletter' }])
    expect(plan.checksWithoutResult.map((c) => c.identifier)).toEqual(['Release approved'])
  })

  it('leaves a check open when all its results were skipped or canceled', () => {
    const plan = planCheckResults(
      [testCase(1, 'Sign in', 'skipped'), testCase(1, 'Sign in', 'canceled', { windows: true })],
      [check('Sign in')],
      '{scenario-name}'
    )
    expect(plan.posts).toEqual([])
    expect(plan.leftOpen).toEqual([expect.objectContaining({ kind: 'not-run', reason: 'not run (Skipped, Canceled)' })])
  })

  it('decides a shared check on the finished results and still lists the skipped ones', () => {
    const passed = testCase(1, 'Sign in', 'passed')
    const skipped = testCase(1, 'Sign in', 'skipped', { windows: true })
    const [post] = planCheckResults([skipped, passed], [check('Sign in')], '{scenario-name}').posts
    expect(post).toMatchObject({ value: true, testCases: [passed], skipped: [skipped] })
    expect(post.comment).toBe(`${describeTestCase(passed)}\n${describeTestCase(skipped)}`)
  })

  it('leaves checks of other types open, and sets apart checks whose type is unknown', () => {
    const plan = planCheckResults(
      [testCase(1, 'Amount', 'passed'), testCase(2, 'Mystery', 'passed')],
      [check('Amount', 'testify_numerictestcase'), check('Mystery', null)],
      '{scenario-name}'
    )
    expect(plan.posts).toEqual([])
    expect(plan.leftOpen).toEqual([
      expect.objectContaining({
        kind: 'unsupported-type',
        reason: 'it is a Numeric Check (testify_numerictestcase); the action fills Logical and Text checks'
      })
    ])
    expect(plan.unknownType.map((u) => u.check.identifier)).toEqual(['Mystery'])
  })
})
