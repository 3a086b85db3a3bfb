import { describe, expect, it } from '@jest/globals'
import { type BodyKind, HttpFailure } from '../src/http/json-client.js'
import { explainTestifyFailure } from '../src/testify/errors.js'
import { checkTypeOf, checklistUrlOf, errorDetailsOf, findChecks, parseChecklistView, testifyRequests } from '../src/testify/wire.js'

describe('testifyRequests', () => {
  it('sends the v2 casing and the api-version, with external IDs percent-encoded', () => {
    expect(testifyRequests.readTestObject('2.0', 'octo-org/shop@0123456')).toEqual({
      method: 'GET',
      path: 'public/testobjects/octo-org%2Fshop%400123456?api-version=2.0',
      retry: 'idempotent'
    })
    expect(testifyRequests.readChecklistResults('2.0', 'autify-1')).toMatchObject({
      path: 'public/checklists/autify-1/results/flat?api-version=2.0',
      retry: 'idempotent'
    })
  })

  it('sends the v3 casing from version 3 on', () => {
    expect(testifyRequests.readTestObject('3.0', 'x').path).toBe('public/testObjects/x?api-version=3.0')
    expect(testifyRequests.createTestObject('3', 'x').path).toBe('public/testObjects?api-version=3')
    expect(testifyRequests.createTestObject('2.5', 'x').path).toBe('public/testobjects?api-version=2.5')
  })

  it('marks creates as not safe to repeat and does not need their answers', () => {
    for (const request of [
      testifyRequests.createTestObject('2.0', 'x'),
      testifyRequests.createChecklist('2.0', 'autify-1', 'x', 'tpl'),
      testifyRequests.postCheckResult('2.0', 'autify-1', 'Sign in', true, 'c')
    ]) {
      expect(request).toMatchObject({ method: 'POST', retry: 'create', expectJson: false })
    }
  })

  it('uses the documented body names where there are any', () => {
    expect(testifyRequests.createTestObject('2.0', 'x').body).toEqual({ id: 'x', name: 'x' })
    expect(testifyRequests.createChecklist('2.0', 'autify-1', 'obj', 'tpl').body).toEqual({
      id: 'autify-1',
      testObjectId: 'obj',
      checklistTemplateId: 'tpl'
    })
    expect(testifyRequests.postCheckResult('2.0', 'autify-1', 'Sign in', false, 'Failed · …').body).toEqual({
      checklistId: 'autify-1',
      checkIdentifier: 'Sign in',
      value: false,
      comment: 'Failed · …'
    })
    expect(testifyRequests.postCheckResult('2.0', 'autify-1', 'Notes', 'text', null).body).toEqual({
      checklistId: 'autify-1',
      checkIdentifier: 'Notes',
      value: 'text'
    })
  })
})

describe('findChecks', () => {
  it('finds checks in pages and sections, with checkId and type', () => {
    const body = {
      id: '9033d3c6-5897-484c-a247-61cc4e636920',
      pages: [
        {
          sections: [
            {
              checks: [
                { checkId: 'a1', checkIdentifier: 'Sign in', title: 'Sign in works', plugin: 'testify_booleantestcase' },
                { checkId: 7, checkIdentifier: 'Notes', name: 'Notes', type: { pluginName: 'testify_texttestcase' } }
              ]
            }
          ]
        }
      ]
    }
    expect(findChecks(body)).toEqual([
      { identifier: 'Sign in', checkId: 'a1', type: 'testify_booleantestcase', title: 'Sign in works' },
      { identifier: 'Notes', checkId: '7', type: 'testify_texttestcase', title: 'Notes' }
    ])
  })

  it('finds checks in a flat list at the top level, without checkId', () => {
    expect(findChecks([{ checkIdentifier: 'A', testCasePlugin: 'TESTIFY_NUMERICTESTCASE' }, { checkIdentifier: 'B' }])).toEqual([
      { identifier: 'A', checkId: null, type: 'testify_numerictestcase', title: null },
      { identifier: 'B', checkId: null, type: null, title: null }
    ])
  })

  it('counts a check once, ignoring objects inside it and repeats of it', () => {
    const check = { checkId: 'c1', checkIdentifier: 'A', plugin: 'testify_booleantestcase', result: { checkIdentifier: 'A', value: true } }
    expect(findChecks({ results: [{ check }, { check }], index: { A: { checkIdentifier: 'A' } } })).toHaveLength(1)
  })

  it('skips objects whose checkIdentifier is empty or not a string', () => {
    expect(findChecks({ a: { checkIdentifier: '' }, b: { checkIdentifier: null }, c: { checkIdentifier: 3 } })).toEqual([])
  })

  it('finds nothing in answers without checks', () => {
    expect(findChecks(null)).toEqual([])
    expect(findChecks('text')).toEqual([])
    expect(findChecks({ checks: [] })).toEqual([])
  })
})

describe('checkTypeOf', () => {
  it('takes the nearest property holding a documented plugin name', () => {
    expect(checkTypeOf({ a: { b: 'testify_texttestcase' }, kind: 'testify_booleantestcase' })).toBe('testify_booleantestcase')
    expect(checkTypeOf({ result: { meta: { plugin: ' testify_datetestcase ' } } })).toBe('testify_datetestcase')
    expect(checkTypeOf({ list: ['x', 'testify_signaturecheck'] })).toBe('testify_signaturecheck')
  })

  it('is null when no property holds one', () => {
    expect(checkTypeOf({ type: 'Text', pluginType: 9 })).toBeNull()
    expect(checkTypeOf({ a: { b: { c: { d: { e: 'testify_texttestcase' } } } } })).toBeNull()
  })
})

describe('checklistUrlOf', () => {
  it('prefers webUrl, then url, among http(s) links', () => {
    expect(checklistUrlOf({ entityUrl: 'https://t/e', url: 'https://t/u', webUrl: 'https://t/w' })).toBe('https://t/w')
    expect(checklistUrlOf({ entityUrl: 'https://t/e', url: 'https://t/u' })).toBe('https://t/u')
    expect(checklistUrlOf({ detailsLink: 'https://t/d' })).toBe('https://t/d')
  })

  it('looks into a top-level checklist object', () => {
    expect(parseChecklistView({ checklist: { webUrl: 'https://t/c' }, results: [] }).url).toBe('https://t/c')
  })

  it('ignores what is not a link', () => {
    expect(checklistUrlOf({ url: 'javascript:alert(1)', imageUrl: '/relative', link: 'https://a b' })).toBeNull()
    expect(checklistUrlOf([])).toBeNull()
  })
})

describe('errorDetailsOf', () => {
  it('reads problem details, preferring the detail and field errors to the title', () => {
    expect(errorDetailsOf({ title: 'Bad Request', status: 400, detail: 'Template x was not found.' })).toBe('Template x was not found.')
    expect(
      errorDetailsOf({ title: 'One or more validation errors occurred.', errors: { value: ['must be a number'], id: ['too long', 'bad'] } })
    ).toBe('value: must be a number; id: too long; id: bad')
    expect(errorDetailsOf({ title: 'Conflict' })).toBe('Conflict')
  })

  it('reads API-versioning errors, messages, lists and plain text', () => {
    expect(errorDetailsOf({ error: { code: 'UnsupportedApiVersion', message: 'not 9.0' } })).toBe('UnsupportedApiVersion: not 9.0')
    expect(errorDetailsOf({ message: 'Nope' })).toBe('Nope')
    expect(errorDetailsOf(['a', { message: 'b' }])).toBe('a; b')
    expect(errorDetailsOf('Invalid tenant')).toBe('Invalid tenant')
    expect(errorDetailsOf(undefined)).toBeNull()
    expect(errorDetailsOf({})).toBeNull()
  })

  it('clips long details', () => {
    expect(errorDetailsOf({ detail: 'x'.repeat(600) })).toHaveLength(500)
  })
})

describe('explainTestifyFailure', () => {
  const url = 'https://cloud.testify.io/core/services/public/checklists?api-version=2.0'
  const subject = { action: "create checklist 'autify-1'", resource: "checklist template 'tpl'", inputs: "'testify-checklist-template'" }
  const failure = (status: number, body?: unknown, bodyKind: BodyKind = body === undefined ? 'empty' : 'json') =>
    new HttpFailure('status', 'POST', url, `HTTP ${status}`, { status, body, bodyKind, excerpt: 'QUOTED', mayHaveReachedServer: true })
  const explain = (f: HttpFailure) => explainTestifyFailure(f, subject, ['Secret', 'Subject', 'Tenant'])

  it('shows the details of a 400 and names the input', () => {
    expect(explain(failure(400, { detail: 'No template tpl' })).message).toBe(
      "Testify refused to create checklist 'autify-1' (HTTP 400 on POST /core/services/public/checklists). Testify said: \"No template tpl\". Check 'testify-checklist-template'."
    )
    expect(explain(failure(400, {})).message).toContain('It gave no details.')
  })

  it.each([
    ["No test object has the external ID 'octo/shop'.", "Check 'testify-test-object'."],
    ['The testObjectId field is required.', "Check 'testify-test-object'."],
    ["No checklist template has the external ID 'tpl'.", "Check 'testify-checklist-template'."],
    ['checklistTemplateId: The checklistTemplateId field is required.', "Check 'testify-checklist-template'."],
    ["Template 'tpl' cannot be used for test object 'x'.", "Check 'testify-test-object' and 'testify-checklist-template'."],
    ['The request is invalid.', "Check 'testify-checklist-template'."]
  ])('names the input Testify’s details point at: %s', (detail, fix) => {
    expect(explain(failure(400, { title: 'Bad Request', detail })).message).toContain(fix)
    expect(explain(failure(404, { title: 'Not Found', detail })).message).toContain(fix.replace(/\.$/, ','))
  })

  it.each([
    [
      502,
      'html',
      "HTTP 502 from Testify (an HTML page, not Testify's JSON) while trying to create checklist 'autify-1' (POST /core/services/public/checklists). A proxy or gateway"
    ],
    [503, 'empty', "HTTP 503 from Testify (an empty body, not Testify's JSON)"],
    [
      400,
      'text',
      "HTTP 400 from Testify (plain text, not Testify's JSON) while trying to create checklist 'autify-1' (POST /core/services/public/checklists). Check 'testify-checklist-template', and 'testify-api-url'"
    ],
    [404, 'xml', "HTTP 404 from Testify (an XML document, not Testify's JSON)"],
    [403, 'html', "HTTP 403 from Testify (an HTML page, not Testify's JSON)"]
  ] as const)('summarises a %s answer of kind %s without quoting it', (status, kind, message) => {
    const error = explain(failure(status, undefined, kind))
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('QUOTED')
    expect(error.status).toBe(status)
    expect(error.ambiguous).toBe(status >= 500)
  })

  it('keeps the key’s own message for an empty 401, and summarises a 2xx that is not JSON', () => {
    expect(explain(failure(401)).message).toContain(
      "Testify rejected the API key (HTTP 401 on POST /core/services/public/checklists). Check that 'testify-api-key'"
    )
    const html = new HttpFailure('invalid-json', 'POST', url, 'HTTP 200 with a body that is not JSON', {
      status: 200,
      bodyKind: 'html',
      excerpt: 'QUOTED',
      mayHaveReachedServer: true
    })
    expect(explain(html).message).toMatch(
      /^HTTP 200 from Testify \(an HTML page, not Testify's JSON\) while trying to create checklist 'autify-1'/
    )
    expect(explain(html).message).not.toContain('QUOTED')
  })

  it.each([
    ['Invalid secret', "Check 'testify-api-key' (the secret)."],
    ['Unknown subject', "Check 'testify-subject'."],
    ['Tenant not found', "Check 'testify-tenant'."],
    ['Subject does not belong to the tenant', "Check 'testify-subject' and 'testify-tenant'."],
    [
      'Unauthorized',
      "Check that 'testify-api-key' (the secret), 'testify-subject' and 'testify-tenant' all come from the same, current API key"
    ]
  ])('names the key part a 401 points at: %s', (detail, fix) => {
    const error = explain(failure(401, { detail }))
    expect(error.message).toContain(fix)
    expect(error.message).toContain('The key was sent in the headers Secret, Subject, Tenant')
    expect(error.status).toBe(401)
  })

  it('explains 403 as a permission and 404 with the resource', () => {
    expect(explain(failure(403)).message).toContain("lacks the permission for checklist template 'tpl'")
    expect(explain(failure(404)).message).toBe(
      "Testify found no checklist template 'tpl' (HTTP 404 on POST /core/services/public/checklists). Check 'testify-checklist-template', and 'testify-api-url' and 'testify-api-version'."
    )
  })

  it('marks answers after which a create may have happened as ambiguous', () => {
    expect(explain(failure(502)).ambiguous).toBe(true)
    expect(explain(failure(400)).ambiguous).toBe(false)
    expect(explain(failure(429)).ambiguous).toBe(false)
    expect(explain(new HttpFailure('timeout', 'POST', url, 'no answer within 30s', { mayHaveReachedServer: true })).ambiguous).toBe(true)
    const refused = new HttpFailure('network', 'POST', url, 'ECONNREFUSED', { code: 'ECONNREFUSED', mayHaveReachedServer: false })
    expect(explain(refused).ambiguous).toBe(false)
    expect(explain(refused).message).toContain("Check the network and 'testify-api-url'.")
  })
})
