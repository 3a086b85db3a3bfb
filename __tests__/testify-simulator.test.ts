import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { TestifySimulator } from '../simulator/testify/testify-simulator.js'
import { TESTIFY_SECRET, TESTIFY_SUBJECT, TESTIFY_TENANT, startTestify } from './helpers/harness.js'

let sim: TestifySimulator
beforeAll(async () => {
  sim = await startTestify({ testObjects: ['existing'] })
})
afterAll(() => sim.close())

const KEY = { Secret: TESTIFY_SECRET, Subject: TESTIFY_SUBJECT, Tenant: TESTIFY_TENANT }

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = KEY, version = '2.0') {
  const response = await fetch(`${sim.apiUrl}${path}${version ? `?api-version=${version}` : ''}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown> }
}

describe('TestifySimulator', () => {
  it('asks for every key part on every request and says which one is wrong', async () => {
    expect(await call('GET', 'public/testobjects/existing', undefined, {})).toMatchObject({
      status: 401,
      body: { detail: "The API key's secret is missing (header 'Secret')." }
    })
    expect(await call('GET', 'public/testobjects/existing', undefined, { ...KEY, Subject: 'someone-else' })).toMatchObject({
      status: 401,
      body: { detail: "The API key's subject is not valid." }
    })
    expect((await call('GET', 'public/testobjects/existing')).status).toBe(200)
  })

  it('matches paths in any casing and needs a supported api-version', async () => {
    expect((await call('GET', 'public/testObjects/existing', undefined, KEY, '3.0')).status).toBe(200)
    expect(await call('GET', 'public/testobjects/existing', undefined, KEY, '')).toMatchObject({
      status: 400,
      body: { error: { code: 'ApiVersionUnspecified' } }
    })
    expect(await call('GET', 'public/testobjects/existing', undefined, KEY, '9.0')).toMatchObject({
      status: 400,
      body: { error: { code: 'UnsupportedApiVersion' } }
    })
  })

  it('gives an entity created without an external ID its internal GUID for both, and refuses a taken one', async () => {
    const created = await fetch(`${sim.apiUrl}public/testobjects?api-version=2.0`, {
      method: 'POST',
      headers: { ...KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Nameless' })
    })
    expect(created.headers.get('content-type')).toMatch(/^text\/plain/)
    const id = await created.text()
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(sim.testObjects.get(id)).toMatchObject({ internalId: id, externalId: id })
    expect(await call('POST', 'public/testobjects', { id: 'existing' })).toMatchObject({
      status: 400,
      body: { detail: "A test object with the external ID 'existing' already exists." }
    })
  })

  it('instantiates templates, serves results/flat, and type-checks check results', async () => {
    expect(
      (await call('POST', 'public/checklists', { id: 'c1', testObjectId: 'existing', checklistTemplateId: 'checkout-regression' })).status
    ).toBe(200)
    expect(
      await call('POST', 'public/checklists', { id: 'c1', testObjectId: 'existing', checklistTemplateId: 'checkout-regression' })
    ).toMatchObject({
      status: 400
    })
    expect(await call('POST', 'public/checklists', { testObjectId: 'existing' })).toMatchObject({
      status: 400,
      body: { errors: { checklistTemplateId: ['The checklistTemplateId field is required.'] } }
    })
    const flat = await call('GET', 'public/checklists/c1/results/flat')
    expect(flat.status).toBe(200)
    expect((flat.body.results as unknown[]).length).toBe(8)

    const post = (checkIdentifier: string, value: unknown) =>
      call('POST', 'public/checklists/checkresult/identifier', { checklistId: 'c1', checkIdentifier, value })
    expect((await post('Search the catalogue', true)).status).toBe(200)
    expect(await post('Search the catalogue', 'yes')).toMatchObject({
      status: 400,
      body: {
        errors: {
          value: [expect.stringContaining('is a Logical Check (testify_booleantestcase): its value must be true or false, not a string')]
        }
      }
    })
    expect(await post('Add an item to the cart', 'Passed')).toMatchObject({ status: 200 })
    expect(await post('No such check', true)).toMatchObject({
      status: 400,
      body: { detail: "Checklist 'c1' has no check with the identifier 'No such check'." }
    })
    expect(sim.resultsOf('c1')).toEqual({
      'Search the catalogue': expect.objectContaining({ value: true }),
      'Add an item to the cart': expect.objectContaining({ value: 'Passed' })
    })
  })
})
