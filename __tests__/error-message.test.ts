import { describe, expect, it } from '@jest/globals'
import { errorMessage } from '../src/util/error-message.js'

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
