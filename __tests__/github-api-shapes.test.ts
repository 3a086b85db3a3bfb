/**
 * GitHub's answers as the action reads them (src/github/api-shapes.ts): extra fields and nulls are
 * taken, an entry of a list that cannot be read is left out where the caller skips it, and a field
 * the action relies on of the wrong type is a ShapeError naming it, never a TypeError.
 */
import { describe, expect, it } from '@jest/globals'
import {
  annotationListShape,
  checkRunListShape,
  commitListShape,
  createdCheckRunShape,
  pullRequestListShape,
  userShape
} from '../src/github/api-shapes.js'
import { parseShape } from '../src/util/shape.js'

const APP = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' }
const listed = (fields: Record<string, unknown>) => ({
  id: 7,
  external_id: '700',
  status: 'completed',
  conclusion: 'success',
  app: APP,
  ...fields
})

describe("GitHub's answers", () => {
  it('leaves out a listed check run of the wrong type, and keeps the ones that can be read', () => {
    const { check_runs } = parseShape(checkRunListShape, {
      total_count: 6,
      check_runs: [
        null,
        'a string',
        42,
        listed({ id: '7' }),
        listed({ app: 'github-actions' }),
        listed({ id: 8, html_url: null, output: null })
      ]
    })
    expect(check_runs).toEqual([
      {
        id: 8,
        external_id: '700',
        html_url: null,
        status: 'completed',
        conclusion: 'success',
        app: { id: 15368, slug: 'github-actions' },
        output: null
      }
    ])
    expect(parseShape(checkRunListShape, {}).check_runs).toEqual([])
    expect(() => parseShape(checkRunListShape, { check_runs: {} })).toThrow('check_runs is an object, expected an array')
    expect(() => parseShape(checkRunListShape, 'not json')).toThrow('the body is a string, expected an object')
  })

  it('reads a created check run without its app, and names a created check run that cannot be read', () => {
    expect(parseShape(createdCheckRunShape, { id: 9, html_url: 'https://github.com/o/r/runs/9' })).toEqual({
      id: 9,
      html_url: 'https://github.com/o/r/runs/9',
      app: null
    })
    expect(parseShape(createdCheckRunShape, { id: 9, app: null }).app).toBeNull()
    expect(() => parseShape(createdCheckRunShape, { id: 9, app: { slug: 'x' } })).toThrow('app.id is missing, expected an integer')
    expect(() => parseShape(createdCheckRunShape, { html_url: 'https://github.com/o/r/runs/9' })).toThrow(
      'id is missing, expected an integer'
    )
  })

  it("fails on an annotation list entry that is not one: the update's failure, as a TypeError was", () => {
    expect(parseShape(annotationListShape, [{ annotation_level: 'failure', title: null, path: 'x', message: 'm' }])).toEqual([
      { annotation_level: 'failure', title: null, message: 'm' }
    ])
    expect(() => parseShape(annotationListShape, [null])).toThrow('[0] is null, expected an object')
  })

  it('keeps the pull requests that have a number, a state and a head, and the commits that have a sha', () => {
    const head = { sha: 'abc', ref: 'topic' }
    const pulls = parseShape(pullRequestListShape, [
      null,
      { number: '3', state: 'open', head },
      { number: 4, state: 'open' },
      { number: 5, state: 'open', head }
    ])
    expect(pulls).toEqual([{ number: 5, state: 'open', head: { sha: 'abc' } }])
    expect(parseShape(pullRequestListShape, { message: 'not a list' })).toEqual([])
    expect(parseShape(commitListShape, [{ sha: 'abc', commit: {} }])).toEqual([{ sha: 'abc' }])
    expect(() => parseShape(commitListShape, [{ sha: null }])).toThrow('[0].sha is null, expected a string')
  })

  it("reads the token's identity when GitHub says who it is; anything else is no one", () => {
    expect(parseShape(userShape, { login: 'octo', type: 'Bot', id: 1 })).toEqual({ login: 'octo', type: 'Bot' })
    expect(parseShape(userShape, { login: 'octo', type: 'Organization' })).toEqual({ login: 'octo', type: 'User' })
    expect(parseShape(userShape, { login: 7 })).toBeNull()
    expect(parseShape(userShape, null)).toBeNull()
    expect(parseShape(userShape, 'text')).toBeNull()
  })
})
