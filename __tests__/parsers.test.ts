import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/settings/input-error.js'
import {
  isLoopbackHost,
  parseApiUrl,
  parseBoolean,
  parseCapabilities,
  parseIdList,
  parseInteger,
  parseSeconds,
  parseTestUrl,
  parseUrlReplacements
} from '../src/settings/parsers.js'

describe('parseTestUrl', () => {
  it('reads a scenario URL', () => {
    expect(parseTestUrl('autify-test-url', 'https://app.autify.com/projects/743/scenarios/91437')).toEqual({
      kind: 'scenarios',
      projectId: 743,
      scenarioIds: [91437]
    })
  })

  it('reads a test plan URL on any host, with trailing parts and a query', () => {
    expect(parseTestUrl('autify-test-url', 'http://localhost:3000/projects/1/test_plans/3/edit?tab=runs#x')).toEqual({
      kind: 'test-plan',
      projectId: 1,
      testPlanId: 3
    })
  })

  it.each([
    'app.autify.com/projects/743/scenarios/91437',
    'https://app.autify.com/projects/743/results/5',
    'https://app.autify.com/projects/abc/scenarios/1',
    'https://app.autify.com/projects/743/scenarios/91437abc',
    'ftp://app.autify.com/projects/743/scenarios/91437'
  ])('rejects %s naming the input', (url) => {
    expect(() => parseTestUrl('autify-test-url', url)).toThrow(/^Input 'autify-test-url': expected/)
  })
})

describe('parseIdList', () => {
  it('takes commas, spaces and newlines, dropping duplicates', () => {
    expect(parseIdList('scenario-ids', '1, 2\n3,,2\n', 'scenario')).toEqual([1, 2, 3])
  })
  it('rejects a non-number', () => {
    expect(() => parseIdList('scenario-ids', '1, two', 'scenario')).toThrow(
      "Input 'scenario-ids': expected a numeric scenario ID such as '743', got 'two'."
    )
  })
  it('rejects an empty list', () => {
    expect(() => parseIdList('scenario-ids', ' , ', 'scenario')).toThrow(InputError)
  })
})

describe('numbers and booleans', () => {
  it('parses seconds with decimals into milliseconds', () => {
    expect(parseSeconds('timeout', '', 300, 21600)).toBe(300_000)
    expect(parseSeconds('interval', '0.25', 5, 21600)).toBe(250)
  })
  it.each(['0', '-1', 'ten', '21601', '1e3'])('rejects timeout %s', (value) => {
    expect(() => parseSeconds('timeout', value, 300, 21600)).toThrow(/^Input 'timeout'/)
  })
  it('bounds integers at both ends', () => {
    expect(parseInteger('max-retry-count', '0', 0, 0, 10)).toBe(0)
    expect(parseInteger('max-retry-count', '10', 0, 0, 10)).toBe(10)
    expect(() => parseInteger('max-retry-count', '11', 0, 0, 10)).toThrow(/from 0 to 10/)
    expect(() => parseInteger('max-retry-count', '1.5', 0, 0, 10)).toThrow(InputError)
  })
  it('reads booleans', () => {
    expect(parseBoolean('wait', 'TRUE', false)).toBe(true)
    expect(parseBoolean('wait', 'false', true)).toBe(false)
    expect(parseBoolean('wait', '', true)).toBe(true)
    expect(() => parseBoolean('wait', 'maybe', true)).toThrow("Input 'wait': expected 'true' or 'false', got 'maybe'.")
  })
})

describe('parseApiUrl', () => {
  it('adds the trailing slash and keeps https', () => {
    expect(parseApiUrl('autify-api-url', 'https://app.autify.com/api/v1')).toBe('https://app.autify.com/api/v1/')
  })
  it('allows plain http only to loopback', () => {
    expect(parseApiUrl('autify-api-url', 'http://127.0.0.1:8080/api/v1/')).toBe('http://127.0.0.1:8080/api/v1/')
    expect(parseApiUrl('autify-api-url', 'http://localhost/api/v1/')).toBe('http://localhost/api/v1/')
    expect(parseApiUrl('autify-api-url', 'http://[::1]:9/')).toBe('http://[::1]:9/')
    expect(() => parseApiUrl('autify-api-url', 'http://autify.internal/api/v1/')).toThrow(/refusing plain http/)
    expect(() => parseApiUrl('autify-api-url', 'http://10.0.0.1/api/v1/')).toThrow(/refusing plain http/)
  })
  it('refuses credentials in the URL and other schemes', () => {
    expect(() => parseApiUrl('autify-api-url', 'https://user:secret@app.autify.com/')).toThrow(/user name or password/)
    expect(() => parseApiUrl('autify-api-url', 'file:///etc/passwd')).toThrow(/https/)
    expect(() => parseApiUrl('autify-api-url', 'not a url')).toThrow(/https/)
  })
  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.2')).toBe(true)
    expect(isLoopbackHost('127.example.com')).toBe(false)
  })
})

describe('parseCapabilities', () => {
  it('takes an array as given', () => {
    const list = [
      { os: 'Linux', browser: 'Chrome' },
      { os: 'Windows', browser: 'Edge', os_version: '11' }
    ]
    expect(parseCapabilities('capabilities', JSON.stringify(list))).toEqual(list)
  })
  it('wraps a single object', () => {
    expect(parseCapabilities('capabilities', '{"device":"Pixel 7"}')).toEqual([{ device: 'Pixel 7' }])
  })
  it.each([
    ['[', /expected a JSON array/],
    ['[]', /empty array/],
    ['[1]', /item 1 is not an object/],
    ['[{"os":{"name":"Linux"}}]', /'os' must be a string/],
    ['[{"colour":"blue"}]', /names no environment/]
  ])('rejects %s', (value, message) => {
    expect(() => parseCapabilities('capabilities', value)).toThrow(message)
  })
})

describe('parseUrlReplacements', () => {
  it('reads space-separated pairs, one per line or comma-separated', () => {
    expect(
      parseUrlReplacements('url-replacements', 'https://a.com https://b.com\nhttps://c.com https://d.com,https://e.com https://f.com')
    ).toEqual([
      { patternUrl: 'https://a.com', replacementUrl: 'https://b.com' },
      { patternUrl: 'https://c.com', replacementUrl: 'https://d.com' },
      { patternUrl: 'https://e.com', replacementUrl: 'https://f.com' }
    ])
  })
  it('accepts the older PATTERN=REPLACEMENT, splitting at the first =', () => {
    expect(parseUrlReplacements('url-replacements', 'https://example.com=https://example.net?foo=bar')).toEqual([
      { patternUrl: 'https://example.com', replacementUrl: 'https://example.net?foo=bar' }
    ])
  })
  it('keeps commas that are part of a URL', () => {
    expect(parseUrlReplacements('url-replacements', 'https://a.com/?x=1,2 https://b.com/?y=3,4')).toEqual([
      { patternUrl: 'https://a.com/?x=1,2', replacementUrl: 'https://b.com/?y=3,4' }
    ])
  })
  it('rejects an entry it cannot read', () => {
    expect(() => parseUrlReplacements('url-replacements', 'https://a.com')).toThrow(
      /Input 'url-replacements': cannot read 'https:\/\/a.com'/
    )
    expect(() => parseUrlReplacements('url-replacements', 'a b c')).toThrow(InputError)
  })
  it('is empty for no input', () => {
    expect(parseUrlReplacements('url-replacements', '')).toEqual([])
  })
})
