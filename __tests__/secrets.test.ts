import { beforeAll, describe, expect, it } from '@jest/globals'
import { addSecret, redact, redactServerJson, redactServerText, secretForms } from '../src/secrets.js'
import { decodeEscapes } from '../src/util/unescape.js'
import { randomlyEscaped, seeded } from './helpers/escapes.js'
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

describe('text a server sends, decoded before it is redacted', () => {
  const KEY_PARTS = ['tfy-secret-5c1e0b7a93d4', 'tfy-subject-interface-user-4242', 'tfy-tenant-acme-9d2f61', 'tfy/S3cr+t=k&y/9é"<']
  beforeAll(async () => {
    await heldStdout(() => KEY_PARTS.forEach((part) => addSecret(part)))
  })
  const leaks = (text: string) => KEY_PARTS.flatMap((part) => secretForms(part).filter((form) => text.includes(form)))

  it.each([1, 2, 3, 4, 5])('finds each key part in random mixes of JSON, \\u, percent and HTML escapes (seed %i)', (seed) => {
    const random = seeded(seed)
    for (let round = 0; round < 100; round++) {
      for (const part of KEY_PARTS) {
        const echoed = `The header value '${randomlyEscaped(part, random)}' is not valid.`
        const shown = redactServerText(echoed)
        expect({ round, echoed, leaked: leaks(shown) }).toEqual({ round, echoed, leaked: [] })
        expect(shown).toContain('***')
        const json = redactServerJson(JSON.parse(JSON.stringify({ [echoed]: [echoed], detail: echoed })))
        expect({ round, echoed, leaked: leaks(JSON.stringify(json)) }).toEqual({ round, echoed, leaked: [] })
      }
    }
  })

  it('decodes escapes of every kind in one pass, and leaves what is not an escape alone', () => {
    expect(decodeEscapes('a\\/b\\u002bc\\u002Bd%2fe%2Ff&#43;g&#x2B;h&#X2b;i&amp;j&plus;k')).toBe('a/b+c+d/e/f+g+h+i&j+k')
    expect(decodeEscapes('%C3%A9 %e9 \\u00e9 &#233; &#xE9;')).toBe('é é é é é')
    expect(decodeEscapes('100% \\q %zz &unknown; &#xFFFFFFF; a+b')).toBe('100% \\q %zz &unknown; &#xFFFFFFF; a+b')
    expect(decodeEscapes('%2525')).toBe('%25')
  })

  it('finds a secret that looks like an escape before decoding changes it', async () => {
    await heldStdout(() => addSecret('ab%41cd\\u0041'))
    expect(redactServerText('key ab%41cd\\u0041 and ab%2541cd%5Cu0041')).toBe('key *** and ***')
  })

  it('leaves nesting deeper than its passes as it is, and stays linear', () => {
    const deep = `%${'25'.repeat(100_000)}41`
    expect(redactServerText(deep)).toBe(`%${'25'.repeat(100_000 - 8)}41`)
  })
})
