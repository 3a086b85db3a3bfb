import { afterEach, describe, expect, it } from '@jest/globals'
import type { TestifySimulator } from '../simulator/testify/testify-simulator.js'
import { LOGICAL, NUMERIC, TEXT, type TestifyWorld } from '../simulator/testify/world.js'
import { publishToTestify } from '../src/testify/publish.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { realClock } from '../src/util/clock.js'
import { startTestify } from './helpers/harness.js'
import { runReport, testCase, testifySettings } from './helpers/testify-fixtures.js'

let testify: TestifySimulator | null = null
afterEach(async () => {
  await testify?.close()
  testify = null
})

async function publish(
  world: Partial<TestifyWorld>,
  report = runReport([testCase(1, 'Sign in and see the dashboard', 'passed'), testCase(2, 'Check out with a saved card', 'failed')]),
  settings: Parameters<typeof testifySettings>[1] = {}
) {
  testify ??= await startTestify(world)
  const info: string[] = []
  const warnings: string[] = []
  const result = await publishToTestify(testifySettings(testify.apiUrl, settings), report, {
    info: (m) => info.push(m),
    warn: (m) => warnings.push(m),
    clock: new VirtualClock(),
    wall: realClock
  })
  return { ...result, info, warnings, sim: testify }
}

const posts = (sim: TestifySimulator, path: string) => sim.calls().filter((c) => c === `POST /public/${path}`).length

describe('publishToTestify', () => {
  it('creates the test object and the checklist, and posts one check result per test case result', async () => {
    const report = runReport([
      testCase(1, 'Sign in and see the dashboard', 'passed'),
      testCase(2, 'Add an item to the cart', 'passed', { durationMs: 2200 }),
      testCase(3, 'Check out with a saved card', 'failed')
    ])
    const { failure, outputs, section, warnings, sim } = await publish({}, report)
    expect(failure).toBeNull()
    expect(outputs).toEqual({ 'testify-test-object-id': 'octo-org/shop@0123456', 'testify-checklist-id': 'autify-1920001' })
    expect(sim.testObjects.get('octo-org/shop@0123456')).toMatchObject({ name: 'octo-org/shop@0123456' })
    const results = sim.resultsOf('autify-1920001')
    expect(Object.keys(results).sort()).toEqual(['Add an item to the cart', 'Check out with a saved card', 'Sign in and see the dashboard'])
    expect(results['Sign in and see the dashboard'].value).toBe(true)
    expect(results['Sign in and see the dashboard'].comment).toBe(`Passed · Linux · Chrome 136.0 · 2.5s · ${report.testCases[0].url}`)
    expect(results['Check out with a saved card']).toMatchObject({
      value: false,
      comment: expect.stringContaining(report.testCases[2].url!)
    })
    expect(results['Add an item to the cart']).toEqual(
      expect.objectContaining({ value: `Passed · Linux · Chrome 136.0 · 2.2s · ${report.testCases[1].url}`, comment: null })
    )
    expect(sim.calls()).toEqual([
      'GET /public/testobjects/octo-org%2Fshop%400123456',
      'POST /public/testobjects',
      'GET /public/testobjects/octo-org%2Fshop%400123456',
      'GET /public/checklists/autify-1920001/results/flat',
      'POST /public/checklists',
      'GET /public/checklists/autify-1920001/results/flat',
      'POST /public/checklists/checkresult/identifier',
      'POST /public/checklists/checkresult/identifier',
      'POST /public/checklists/checkresult/identifier'
    ])
    expect(sim.requests.every((r) => r.query.get('api-version') === '2.0')).toBe(true)
    expect(sim.requests.find((r) => r.path.endsWith('/public/checklists'))?.body).toEqual({
      id: 'autify-1920001',
      testObjectId: 'octo-org/shop@0123456',
      checklistTemplateId: 'checkout-regression'
    })
    expect(warnings).toEqual([
      expect.stringMatching(/^Testify checklist 'autify-1920001': 5 checks got no result \('Search the catalogue', /)
    ])
    expect(section).toContain('## 🧾 Testify: 3 check results published')
    expect(section).toMatch(/\*\*Checklist:\*\* \[autify-1920001\]\(http:\/\/127\.0\.0\.1:\d+\/todos\/checklists\/[0-9a-f-]{36}\)/)
  })

  it('reuses the checklist of a result published before, and an existing test object', async () => {
    const first = await publish({ testObjects: ['octo-org/shop@0123456'] })
    expect(first.failure).toBeNull()
    expect(posts(first.sim, 'testobjects')).toBe(0)
    const second = await publish({})
    expect(second.failure).toBeNull()
    expect(posts(second.sim, 'checklists')).toBe(1)
    expect(second.sim.checklists.size).toBe(1)
    expect(second.sim.testObjects.size).toBe(1)
    expect(second.info).toContain(
      "Testify: checklist 'autify-1920001' exists (result 1920001 was published before); filling in its check results again."
    )
    const check = second.sim.checklists.get('autify-1920001')!.checks.find((c) => c.spec.identifier === 'Sign in and see the dashboard')!
    expect(check.history).toHaveLength(2)
    expect(second.section).toContain('(reused: this result was published before)')
  })

  it('combines the results of one scenario on several browsers into one check result', async () => {
    const report = runReport([
      testCase(1, 'Sign in and see the dashboard', 'passed'),
      testCase(1, 'Sign in and see the dashboard', 'failed', { windows: true }),
      testCase(2, 'Add an item to the cart', 'passed'),
      testCase(2, 'Add an item to the cart', 'skipped', { windows: true })
    ])
    const { failure, sim } = await publish({}, report)
    expect(failure).toBeNull()
    const results = sim.resultsOf('autify-1920001')
    expect(results['Sign in and see the dashboard'].value).toBe(false)
    expect(results['Sign in and see the dashboard'].comment).toBe(
      [
        `Passed · Linux · Chrome 136.0 · 2.5s · ${report.testCases[0].url}`,
        `Failed · Windows 11 · Edge 136.0 · 2.5s · ${report.testCases[1].url}`
      ].join('\n')
    )
    expect(results['Add an item to the cart'].value).toBe(
      [
        `Passed · Linux · Chrome 136.0 · 2.5s · ${report.testCases[2].url}`,
        `Skipped · Windows 11 · Edge 136.0 · 2.5s · ${report.testCases[3].url}`
      ].join('\n')
    )
    expect(posts(sim, 'checklists/checkresult/identifier')).toBe(2)
  })

  it('with {scenario-id} · {capability}, maps each result to its own check', async () => {
    const world: Partial<TestifyWorld> = {
      templates: {
        'per-browser': {
          title: 'Per browser',
          sections: [
            {
              title: 'E2E',
              checks: [
                { identifier: '1 · Linux · Chrome', type: LOGICAL },
                { identifier: '1 · windows 11 · edge', type: LOGICAL }
              ]
            }
          ]
        }
      }
    }
    const report = runReport([testCase(1, 'Sign in', 'passed'), testCase(1, 'Sign in', 'failed', { windows: true })])
    const { failure, sim, warnings } = await publish(world, report, {
      checklistTemplate: 'per-browser',
      checkIdentifier: '{scenario-id} · {capability}'
    })
    expect(failure).toBeNull()
    expect(warnings).toEqual([])
    expect(sim.resultsOf('autify-1920001')).toEqual({
      '1 · Linux · Chrome': expect.objectContaining({ value: true }),
      '1 · windows 11 · edge': expect.objectContaining({ value: false })
    })
  })

  it('sends the v3 path casing and custom key headers', async () => {
    const { failure, sim } = await publish(
      { authHeaders: { secret: 'X-Api-Secret', subject: 'X-Api-Subject', tenant: 'X-Api-Tenant' } },
      undefined,
      {
        apiVersion: '3.0',
        authHeaders: {
          'X-Api-Secret': 'tfy-secret-5c1e0b7a93d4',
          'X-Api-Subject': 'tfy-subject-interface-user-4242',
          'X-Api-Tenant': 'tfy-tenant-acme-9d2f61'
        }
      }
    )
    expect(failure).toBeNull()
    expect(sim.calls()[0]).toBe('GET /public/testObjects/octo-org%2Fshop%400123456')
    expect(sim.requests[0].query.get('api-version')).toBe('3.0')
  })

  it('looks before creating again when a create may have gone through', async () => {
    testify = await startTestify()
    testify.fault({ method: 'POST', path: 'public/testobjects', reset: true })
    testify.fault({ method: 'POST', path: 'public/checklists', status: 502, afterHandling: true })
    const { failure, sim, info } = await publish({})
    expect(failure).toBeNull()
    // The reset came before the handler: the test object did not exist, so it was created again.
    expect(posts(sim, 'testobjects')).toBe(2)
    expect(sim.testObjects.size).toBe(1)
    // The 502 came after the checklist was made: it was found, not made twice.
    expect(posts(sim, 'checklists')).toBe(1)
    expect(info).toContain("Testify: checklist 'autify-1920001' exists after all (the create went through); using it.")
    expect(Object.keys(sim.resultsOf('autify-1920001'))).toHaveLength(2)
  })

  it('gives up on a create that keeps failing ambiguously, having looked each time', async () => {
    testify = await startTestify()
    testify.fault({ method: 'POST', path: 'public/testobjects', status: 503, times: 5 })
    const { failure, sim, outputs } = await publish({})
    expect(posts(sim, 'testobjects')).toBe(3)
    expect(sim.calls().filter((c) => c.startsWith('GET /public/testobjects'))).toHaveLength(4)
    expect(failure).toMatch(
      /^Publishing to Testify failed: HTTP 503 from Testify \(an empty body, not Testify's JSON\) while trying to create test object 'octo-org\/shop@0123456'/
    )
    expect(failure).toContain("test object 'octo-org/shop@0123456' was not confirmed; no checklist 'autify-1920001' was created.")
    expect(failure).toContain('No check result was published.')
    expect(outputs).toEqual({})
  })

  it('names the wrong key part on a 401 and stops', async () => {
    const { failure, sim, section } = await publish({ tenant: 'another-tenant' })
    expect(sim.requests).toHaveLength(1)
    expect(failure).toBe(
      "Publishing to Testify failed: Testify rejected the API key (HTTP 401 on GET /core/services/public/testobjects/octo-org%2Fshop%400123456). Testify said: \"The API key's tenant is not valid.\". Check 'testify-tenant'. The key was sent in the headers Secret, Subject, Tenant; if Testify expects other header names, set 'testify-auth-headers'. In Testify: test object 'octo-org/shop@0123456' was not confirmed; no checklist 'autify-1920001' was created. No check result was published."
    )
    expect(section).toContain('## ⚠️ Testify: nothing published')
  })

  it('explains a 403 as a missing permission', async () => {
    const { failure } = await publish({ canWrite: false })
    expect(failure).toContain(
      "Testify refused to create test object 'octo-org/shop@0123456' (HTTP 403 on POST /core/services/public/testobjects): the key is valid but its user lacks the permission"
    )
    expect(failure).toContain('Testify said: "The user lacks the permission \'TestObjects.Create\'."')
  })

  it('shows Testify’s details when the template does not exist', async () => {
    const { failure, outputs } = await publish({}, undefined, { checklistTemplate: 'no-such-template' })
    expect(failure).toContain(
      "Publishing to Testify failed: Testify refused to create checklist 'autify-1920001' from template 'no-such-template' on test object 'octo-org/shop@0123456' (HTTP 400 on POST /core/services/public/checklists). Testify said: \"No checklist template has the external ID 'no-such-template'.\". Check 'testify-checklist-template'."
    )
    expect(failure).toContain("In Testify: test object 'octo-org/shop@0123456' was created; no checklist 'autify-1920001' was created.")
    expect(outputs).toEqual({ 'testify-test-object-id': 'octo-org/shop@0123456' })
  })

  it('publishes the other check results when one is refused for its value type', async () => {
    const world: Partial<TestifyWorld> = {
      templates: {
        mixed: {
          title: 'Mixed',
          sections: [
            {
              title: 'E2E',
              checks: [
                { identifier: 'Sign in and see the dashboard', type: NUMERIC, reportedType: LOGICAL },
                { identifier: 'Check out with a saved card', type: LOGICAL }
              ]
            }
          ]
        }
      }
    }
    const { failure, sim, section } = await publish(world, undefined, { checklistTemplate: 'mixed' })
    expect(Object.keys(sim.resultsOf('autify-1920001'))).toEqual(['Check out with a saved card'])
    expect(failure).toContain("Published 1 of 2 check results: 'Check out with a saved card'.")
    expect(failure).toContain(
      "Not published: 'Sign in and see the dashboard': Testify refused to add the result of check 'Sign in and see the dashboard' to checklist 'autify-1920001' (HTTP 400 on POST /core/services/public/checklists/checkresult/identifier). Testify said: \"value: Check 'Sign in and see the dashboard' is a Numeric Check (testify_numerictestcase): its value must be a number, not a boolean.\""
    )
    expect(section).toContain('## ⚠️ Testify: only 1 check result published')
    expect(section).toContain('| Sign in and see the dashboard | Logical Check | ⚠️ not published |')
  })

  it('stops after a server error on a check result and says which were not sent', async () => {
    testify = await startTestify()
    testify.fault({ method: 'POST', path: 'public/checklists/checkresult/identifier', status: 500 })
    const report = runReport([
      testCase(1, 'Sign in and see the dashboard', 'passed'),
      testCase(2, 'Search the catalogue', 'passed'),
      testCase(3, 'Check out with a saved card', 'failed')
    ])
    const { failure, sim } = await publish({}, report)
    expect(posts(sim, 'checklists/checkresult/identifier')).toBe(1)
    expect(failure).toContain('None of the 3 check results was published.')
    expect(failure).toContain("Not published: 'Sign in and see the dashboard': HTTP 500 from Testify (an empty body")
    expect(failure).toContain("Not sent after that error: 'Search the catalogue', 'Check out with a saved card'.")
    expect(failure).toContain('It may have been recorded anyway; it was not sent again.')
  })

  it('fails when no check type can be read, and when the checklist has no checks', async () => {
    const world: Partial<TestifyWorld> = {
      templates: {
        odd: {
          title: 'Odd',
          sections: [{ title: 'E2E', checks: [{ identifier: 'Sign in and see the dashboard', type: TEXT, reportedType: 'Text' }] }]
        },
        empty: { title: 'Empty', sections: [] }
      }
    }
    const odd = await publish(world, undefined, { checklistTemplate: 'odd' })
    expect(odd.failure).toContain(
      "Not published, because their check type could not be read from Testify's answer to results/flat: 'Sign in and see the dashboard'."
    )
    const empty = await publish(world, runReport([testCase(1, 'x', 'passed')], 1920002), { checklistTemplate: 'empty' })
    expect(empty.failure).toContain(
      "checklist 'autify-1920002' has no checks: Testify's answer to results/flat holds no object with a 'checkIdentifier'."
    )
  })
})
