import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { AutifyWorld } from '../../simulator/autify/world.js'
import { type TestifySimulator, problem } from '../../simulator/testify/testify-simulator.js'
import { LOGICAL, NUMERIC, TEXT, type TestifyWorld } from '../../simulator/testify/world.js'
import {
  AUTIFY_TOKEN,
  GITHUB_TOKEN,
  type Harness,
  TESTIFY_SECRET,
  TESTIFY_SUBJECT,
  TESTIFY_TENANT,
  everythingWritten,
  expectNoSecret,
  fastWorld,
  startHarness,
  startTestify,
  testifyInputs
} from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'
import type { ActionRun } from '../../simulator/run-action.js'

/** The demo's scenarios (named as the default template's checks), quick. */
const world = (): Partial<AutifyWorld> =>
  fastWorld({
    scenarios: {
      91437: { name: 'Sign in and see the dashboard', durationMs: 200 },
      91438: { name: 'Search the catalogue', durationMs: 250 },
      91439: { name: 'Add an item to the cart', durationMs: 200 },
      91440: { name: 'Check out with a saved card', durationMs: 300, outcomes: ['failed'] },
      91441: { name: 'Apply a discount code', durationMs: 200, outcomes: ['skipped'] },
      91442: { name: 'Change the delivery address', durationMs: 200 },
      91450: { name: 'Newsletter sign-up', durationMs: 150 }
    }
  })

const SECRETS = [AUTIFY_TOKEN, GITHUB_TOKEN, TESTIFY_SECRET, TESTIFY_SUBJECT, TESTIFY_TENANT]

/** The demo's templates: one for the scenarios above, one whose check changed type. */
const TEMPLATES: TestifyWorld['templates'] = {
  'checkout-regression': {
    title: 'Checkout regression',
    sections: [
      {
        title: 'Automated: Autify for Web',
        checks: [
          { identifier: 'Sign in and see the dashboard', type: LOGICAL },
          { identifier: 'Search the catalogue', type: LOGICAL },
          { identifier: 'Add an item to the cart', type: TEXT },
          { identifier: 'Check out with a saved card', type: LOGICAL },
          { identifier: 'Apply a discount code', type: TEXT }
        ]
      },
      { title: 'Manual sign-off', checks: [{ identifier: 'Release approved', type: 'testify_signaturecheck' }] }
    ]
  },
  'type-drift': {
    title: 'A template whose check changed type',
    sections: [
      {
        title: 'E2E',
        checks: [
          { identifier: 'Sign in and see the dashboard', type: LOGICAL },
          { identifier: 'Search the catalogue', type: NUMERIC, reportedType: LOGICAL }
        ]
      }
    ]
  }
}

let h: InProcessRunnerHarness
let testify: TestifySimulator
beforeAll(async () => {
  h = await startInProcessHarness(world())
  testify = await startTestify({ templates: TEMPLATES })
})
afterAll(async () => {
  await h.close()
  await testify.close()
})

/** Workflow-command lines with their data unescaped, as the runner shows them. */
const commands = (run: ActionRun, prefix: string) =>
  run.stdout
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'))
const errorLines = (run: ActionRun) => commands(run, '::error::')
const warningLines = (run: ActionRun) => commands(run, '::warning')
const testCaseResults = (run: ActionRun) =>
  JSON.parse(run.outputs['test-case-results']) as { scenario_name: string; status: string; url: string; capability: string }[]

describe('publishing to Testify', () => {
  it('re-running the job for the same result adds no second checklist or test object', async () => {
    // A fresh Autify simulator numbers its runs from the same start: the same job gets the same result ID.
    const own = await startTestify()
    const runOnce = async () => {
      const autify = await startInProcessHarness(world())
      try {
        return await autify.run({ 'project-id': '743', 'scenario-ids': '91437,91439', ...testifyInputs(own) })
      } finally {
        await autify.close()
      }
    }
    try {
      const first = await runOnce()
      const firstCalls = own.calls().length
      const second = await runOnce()
      expect(second.outputs['result-id']).toBe(first.outputs['result-id'])
      expect([first.exitCode, second.exitCode]).toEqual([0, 0])
      expect(own.testObjects.size).toBe(1)
      expect(own.checklists.size).toBe(1)
      expect(
        own
          .calls()
          .slice(firstCalls)
          .filter((c) => c === 'POST /public/testobjects' || c === 'POST /public/checklists')
      ).toEqual([])
      expect(second.stdout).toContain(`Testify: checklist 'autify-${second.outputs['result-id']}' exists`)
      expect(second.summary).toContain('(reused: this result was published before)')
      expect(second.outputs['testify-checklist-id']).toBe(first.outputs['testify-checklist-id'])
      const checks = own.checklists.get(second.outputs['testify-checklist-id'])!.checks
      expect(checks.filter((c) => c.history.length > 0).map((c) => [c.spec.identifier, c.history.length])).toEqual([
        ['Sign in and see the dashboard', 2],
        ['Add an item to the cart', 2]
      ])
    } finally {
      await own.close()
    }
  })

  it('lists skipped results as left open and unmatched results in one warning', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437,91441,91450', ...testifyInputs(testify) })
    const checklistId = run.outputs['testify-checklist-id']
    expect(Object.keys(testify.resultsOf(checklistId))).toEqual(['Sign in and see the dashboard'])
    expect(warningLines(run).filter((line) => line.includes('Testify'))).toEqual([
      expect.stringMatching(
        /1 test case result found no check \(no check has the identifier 'Newsletter sign-up'.*\); 4 checks got no result/
      )
    ])
    expect(run.summary).toContain('**Left open** (1)')
    expect(run.summary).toContain('- Apply a discount code: not run (Skipped)')
    expect(run.summary).toContain('**Test case results without a check** (1)')
    expect(errorLines(run).filter((line) => line.includes('Testify'))).toEqual([])
  })

  it('ends a bad key in a clear message after all other reporting, naming what was not published', async () => {
    const run = await h.run({
      'project-id': '743',
      'scenario-ids': '91437',
      ...testifyInputs(testify),
      'testify-api-key': 'tfy-wrong-secret-000'
    })
    expect(run.exitCode).toBe(1)
    expect(errorLines(run)).toEqual([
      "::error::Publishing to Testify failed: Testify rejected the API key (HTTP 401 on GET /core/services/public/testobjects/octo-org%2Fshop%400123456). Testify said: \"The API key's secret is not valid.\". Check 'testify-api-key' (the secret). The key was sent in the headers Secret, Subject, Tenant; if Testify expects other header names, set 'testify-auth-headers'. In Testify: test object 'octo-org/shop@0123456' was not confirmed; no checklist 'autify-" +
        run.outputs['result-id'] +
        "' was created. No check result was published."
    ])
    // Everything else was reported: outputs, check run, summary.
    expect(run.outputs.status).toBe('passed')
    expect(h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])?.conclusion).toBe('success')
    expect(run.summary).toContain('## ✅ Autify: passed')
    expect(run.summary).toContain('## ⚠️ Testify: nothing published')
    expect(run.outputs['testify-checklist-id']).toBeUndefined()
    expectNoSecret(everythingWritten(run), ...SECRETS, 'tfy-wrong-secret-000')
    expectNoSecret(JSON.stringify(h.github.checkRuns), ...SECRETS, 'tfy-wrong-secret-000')
  })

  it('ends a missing template in a clear message with Testify’s details', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437', ...testifyInputs(testify, 'no-such-template') })
    expect(run.exitCode).toBe(1)
    const [error] = errorLines(run)
    expect(error).toContain(
      `Testify refused to create checklist 'autify-${run.outputs['result-id']}' from template 'no-such-template' on test object 'octo-org/shop@0123456' (HTTP 400 on POST /core/services/public/checklists). Testify said: "No checklist template has the external ID 'no-such-template'.". Check 'testify-checklist-template'.`
    )
    expect(error).toContain(
      `In Testify: test object 'octo-org/shop@0123456' already existed; no checklist 'autify-${run.outputs['result-id']}' was created.`
    )
    expect(run.outputs['testify-test-object-id']).toBe('octo-org/shop@0123456')
    expectNoSecret(everythingWritten(run), ...SECRETS)
  })

  it('names the template on a 404 as well', async () => {
    testify.fault({ method: 'POST', path: 'public/checklists', status: 404, body: { title: 'Not Found', status: 404 } })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437', ...testifyInputs(testify, 'gone-template') })
    expect(run.exitCode).toBe(1)
    expect(errorLines(run)[0]).toContain(
      "Testify found no checklist template 'gone-template' or test object 'octo-org/shop@0123456' (HTTP 404 on POST /core/services/public/checklists). Check 'testify-checklist-template'"
    )
  })

  it('names the test object, not the template, when Testify refuses a checklist for a missing test object', async () => {
    // The test object was read a moment before; Testify then refuses the checklist as it answers for a missing one.
    testify.fault({
      method: 'POST',
      path: 'public/checklists',
      ...problem(400, "No test object has the external ID 'octo-org/shop@0123456'.")
    })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437', ...testifyInputs(testify) })
    expect(run.exitCode).toBe(1)
    const [error] = errorLines(run)
    expect(error).toContain(`Testify said: "No test object has the external ID 'octo-org/shop@0123456'.". Check 'testify-test-object'.`)
    expect(error).not.toContain("Check 'testify-checklist-template'")
  })

  it('summarises an HTML 502 from a proxy in front of Testify by status and kind, and leaves the Autify report whole', async () => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n'
    testify.fault({ method: 'POST', path: 'public/checklists', status: 502, body: page, times: 10 })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437', ...testifyInputs(testify) })
    testify.clearFaults()
    expect(run.exitCode).toBe(1)
    const [error] = errorLines(run)
    expect(error).toContain(
      `HTTP 502 from Testify (an HTML page, not Testify's JSON) while trying to create checklist 'autify-${run.outputs['result-id']}'`
    )
    for (const text of [error, run.summary, run.outputs.log]) {
      expect(text).not.toMatch(/nginx|Bad Gateway|<\/?(html|head|center|hr)/)
    }
    expect(run.summary).toContain('HTTP 502 from Testify (an HTML page, not Testify')
    // Autify's report is whole: outputs, check run, summary.
    expect(run.outputs.status).toBe('passed')
    expect(h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])?.conclusion).toBe('success')
    expect(run.summary).toContain('## ✅ Autify: passed')
    expectNoSecret(everythingWritten(run), ...SECRETS)
  })

  it('ends a mismatched check type in a clear message saying what was published and what not', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437,91438', ...testifyInputs(testify, 'type-drift') })
    expect(run.exitCode).toBe(1)
    const checklistId = run.outputs['testify-checklist-id']
    expect(Object.keys(testify.resultsOf(checklistId))).toEqual(['Sign in and see the dashboard'])
    const [error] = errorLines(run)
    expect(error).toContain("Publishing to Testify was incomplete. In Testify: test object 'octo-org/shop@0123456' already existed;")
    expect(error).toContain("Published 1 of 2 check results: 'Sign in and see the dashboard'.")
    expect(error).toContain(
      "Not published: 'Search the catalogue': Testify refused to add the result of check 'Search the catalogue' to checklist '" +
        checklistId +
        "' (HTTP 400 on POST /core/services/public/checklists/checkresult/identifier). Testify said: \"value: Check 'Search the catalogue' is a Numeric Check (testify_numerictestcase): its value must be a number, not a boolean.\"."
    )
    expect(run.summary).toContain('## ⚠️ Testify: only 1 check result published')
    expectNoSecret(everythingWritten(run), ...SECRETS)
  })

  it('sends custom key headers and the v3 path casing', async () => {
    const custom = await startTestify({
      authHeaders: { secret: 'X-Testify-Secret', subject: 'X-Testify-Subject', tenant: 'X-Testify-Tenant' }
    })
    try {
      const run = await h.run({
        'project-id': '743',
        'scenario-ids': '91437',
        ...testifyInputs(custom),
        'testify-auth-headers': 'X-Testify-Secret: {secret}\nX-Testify-Subject: {subject}\nX-Testify-Tenant: {tenant}',
        'testify-api-version': '3.0',
        'testify-test-object': 'shop-release-42'
      })
      expect(run.exitCode).toBe(0)
      expect(custom.calls()[0]).toBe('GET /public/testObjects/shop-release-42')
      expect(custom.requests.every((r) => r.query.get('api-version') === '3.0')).toBe(true)
      expect(custom.requests[0].headers['x-testify-tenant']).toBe(TESTIFY_TENANT)
      expect(run.outputs['testify-test-object-id']).toBe('shop-release-42')
      expectNoSecret(everythingWritten(run), ...SECRETS)
    } finally {
      await custom.close()
    }
  })

  it('does not publish a run that did not finish', async () => {
    const slow = await startInProcessHarness(fastWorld({ scenarios: { 1: { name: 'Sign in and see the dashboard', durationMs: 60_000 } } }))
    const before = testify.requests.length
    try {
      const run = await slow.run({ 'project-id': '743', 'scenario-ids': '1', timeout: '1.5', ...testifyInputs(testify) })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toContain('Not publishing to Testify: the run did not finish (timed-out).')
      expect(testify.requests.length).toBe(before)
    } finally {
      await slow.close()
    }
  })
})

describe('as the runner starts it', () => {
  // Its own simulators: a second Autify simulator numbers its results as the first does.
  let h: Harness
  let testify: TestifySimulator
  beforeAll(async () => {
    h = await startHarness(world())
    testify = await startTestify({ templates: TEMPLATES })
  })
  afterAll(async () => {
    await h.close()
    await testify.close()
  })

  it('leaves a checklist whose check results match the Autify results one to one, and links it', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437,91438,91439,91440', ...testifyInputs(testify) })
    // The step fails for the failed test case, not for Testify.
    expect(run.exitCode).toBe(1)
    expect(errorLines(run)).toEqual([expect.stringMatching(/^::error::1 of 4 Autify test case results failed/)])
    const checklistId = `autify-${run.outputs['result-id']}`
    expect(run.outputs).toMatchObject({ 'testify-checklist-id': checklistId, 'testify-test-object-id': 'octo-org/shop@0123456' })

    const results = testify.resultsOf(checklistId)
    const cases = testCaseResults(run)
    expect(Object.keys(results).sort()).toEqual(cases.map((c) => c.scenario_name).sort())
    for (const c of cases) {
      const result = results[c.scenario_name]
      expect(`${result.value}\n${result.comment}`).toContain(c.url)
      expect(`${result.value}\n${result.comment}`).toContain(c.capability)
    }
    expect(results['Sign in and see the dashboard'].value).toBe(true)
    expect(results['Check out with a saved card'].value).toBe(false)
    expect(results['Add an item to the cart'].value).toMatch(/^Passed · Linux · Chrome 136\.0 · 200ms · http/)

    expect(warningLines(run)).toEqual([
      `::warning::Testify checklist '${checklistId}': 2 checks got no result ('Apply a discount code', 'Release approved'). The job summary lists them.`
    ])
    const checklist = testify.checklists.get(checklistId)!
    expect(run.summary).toContain('## 🧾 Testify: 4 check results published')
    expect(run.summary).toContain(`[${checklistId}](${testify.origin}/todos/checklists/${checklist.internalId})`)
    expect(run.summary).toContain('**Checks without a test case result** (2)')
    // Autify's report comes first, Testify's section after it.
    expect(run.summary.indexOf('## ❌ Autify')).toBeLessThan(run.summary.indexOf('## 🧾 Testify'))
    expectNoSecret(everythingWritten(run), ...SECRETS)
    expectNoSecret(JSON.stringify(h.github.checkRuns), ...SECRETS)
  })
})
