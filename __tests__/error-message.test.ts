import { describe, expect, it } from '@jest/globals'
import { errorMessage, errorStatus } from '../src/util/error-message.js'

describe('errorMessage', () => {
  it("gives an error's message, an error-like object's, or the thrown value as text", () => {
    expect(errorMessage(new TypeError('bad'))).toBe('bad')
    expect(errorMessage({ message: 'from a plain object' })).toBe('from a plain object')
    expect(errorMessage('a string was thrown')).toBe('a string was thrown')
    expect(errorMessage(undefined)).toBe('undefined')
    expect(errorMessage(null)).toBe('null')
    expect(errorMessage({ message: 42 })).toBe('[object Object]')
  })
})

describe('errorStatus', () => {
  it("gives a failed request's HTTP status, and nothing for anything else", () => {
    expect(errorStatus(Object.assign(new Error('Forbidden'), { status: 403 }))).toBe(403)
    expect(errorStatus({ status: 404 })).toBe(404)
    expect(errorStatus({ status: '404' })).toBeUndefined()
    expect(errorStatus(new Error('no status'))).toBeUndefined()
    expect(errorStatus(null)).toBeUndefined()
    expect(errorStatus('HTTP 500')).toBeUndefined()
  })
})
