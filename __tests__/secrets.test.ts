import { describe, expect, it } from '@jest/globals'
import { addSecret, redact, secretForms } from '../src/secrets.js'
import { heldStdout } from './helpers/stdout.js'

/** A secret with a slash, a plus, a space, quotes, Markdown and HTML characters and a non-ASCII letter. */
const SECRET = `k/y+ Z'*é<&"`

describe('secretForms', () => {
  const forms = secretForms(SECRET)

  it.each([
    ['raw', SECRET],
    ['encodeURIComponent (upper-case hex)', "k%2Fy%2B%20Z'*%C3%A9%3C%26%22"],
    ['percent-encoded in lower-case hex', "k%2fy%2b%20Z'*%c3%a9%3c%26%22"],
    ['form encoding, + for a space', "k%2Fy%2B+Z'*%C3%A9%3C%26%22"],
    ['form encoding in lower-case hex (.NET HttpUtility.UrlEncode)', "k%2fy%2b+Z'*%c3%a9%3c%26%22"],
    ['URLSearchParams', 'k%2Fy%2B+Z%27*%C3%A9%3C%26%22'],
    ['URLSearchParams in lower-case hex', 'k%2fy%2b+Z%27*%c3%a9%3c%26%22'],
    ['JSON-escaped', `k/y+ Z'*é<&\\"`],
    ['JSON-escaped with \\/', `k\\/y+ Z'*é<&\\"`],
    ['JSON, every character as \\u00xx', '\\u006b\\u002f\\u0079\\u002b\\u0020\\u005a\\u0027\\u002a\\u00e9\\u003c\\u0026\\u0022'],
    ['JSON, every character as \\u00XX', '\\u006B\\u002F\\u0079\\u002B\\u0020\\u005A\\u0027\\u002A\\u00E9\\u003C\\u0026\\u0022'],
    ['Markdown-escaped', `k/y+ Z'\\*é\\<&"`],
    ['HTML-escaped, named', 'k/y+ Z&#39;*é&lt;&amp;&quot;'],
    ['HTML-escaped, numeric', 'k/y+ Z&#x27;*é&lt;&amp;&#34;']
  ])('holds the %s form', (_, form) => {
    expect(forms).toContain(form)
  })

  it.each(['', 'u', 'us', 'use', 'user'])('holds a form inside the Basic-auth header of %p:<secret>, whatever the user', (user) => {
    const header = Buffer.from(`${user}:${SECRET}`, 'utf8').toString('base64')
    expect(forms.some((form) => header.includes(form) && form.length >= 12)).toBe(true)
  })

  it('lists each form once and none shorter than a secret worth masking', () => {
    expect(new Set(forms).size).toBe(forms.length)
    expect(forms.every((f) => f.length >= 4)).toBe(true)
    expect(secretForms('plainsecret')).toContain('plainsecret')
  })
})

describe('redact', () => {
  it('replaces the secret in every one of its forms, wherever it stands, and masks each in the log', async () => {
    const masks = (await heldStdout(() => addSecret(SECRET))).split('\n').filter(Boolean)
    // @actions/core escapes `%` in a command's data.
    expect(masks.sort()).toEqual(
      secretForms(SECRET)
        .map((form) => `::add-mask::${form.replace(/%/g, '%25')}`)
        .sort()
    )
    for (const form of secretForms(SECRET)) {
      const text = redact(`said ${form}.`)
      expect(text).toBe('said ***.')
    }
    const basic = Buffer.from(`interface-user:${SECRET}`, 'utf8').toString('base64')
    expect(redact(`Authorization: Basic ${basic}`)).toContain('***')
    expect(redact(`Authorization: Basic ${basic}`)).not.toContain(basic.slice(20, 28))
  })

  it('leaves values too short to be secrets alone', async () => {
    expect(await heldStdout(() => addSecret('abc'))).toBe('')
    expect(redact('abc')).toBe('abc')
  })
})
