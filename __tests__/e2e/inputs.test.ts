import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { AUTIFY_TOKEN, type Harness, everythingWritten, expectNoSecret, fastWorld, startHarness } from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(fastWorld())
})
afterAll(() => h.close())

describe('a bad input fails the step before any request, naming the input', () => {
  it.each([
    [{ 'access-token': '' }, "Input 'access-token': required"],
    [{ 'autify-test-url': 'https://app.autify.com/projects/743/results/1' }, "Input 'autify-test-url': expected a scenario URL"],
    [{}, "Input 'autify-test-url': nothing to run"],
    [
      { 'autify-test-url': 'https://app.autify.com/projects/743/scenarios/1', 'test-plan-id': '3' },
      "Input 'test-plan-id': cannot be combined with 'autify-test-url'"
    ],
    [{ 'project-id': '743', 'scenario-ids': '1,x' }, "Input 'scenario-ids': expected a numeric scenario ID such as '743', got 'x'."],
    [{ 'project-id': '743', 'scenario-ids': '1', capabilities: '{"os":' }, "Input 'capabilities': expected a JSON array"],
    [{ 'project-id': '743', 'test-plan-id': '3', browser: 'Chrome' }, "Input 'browser': cannot be used with a test plan"],
    [{ 'project-id': '743', 'scenario-ids': '1', timeout: '0' }, "Input 'timeout': expected more than 0"],
    [{ 'project-id': '743', 'scenario-ids': '1', interval: 'soon' }, "Input 'interval': expected a number of seconds"],
    [
      { 'project-id': '743', 'scenario-ids': '1', 'max-retry-count': '-1' },
      "Input 'max-retry-count': expected a whole number from 0 to 10"
    ],
    [{ 'project-id': '743', 'scenario-ids': '1', wait: 'yes please' }, "Input 'wait': expected 'true' or 'false'"],
    [
      { 'project-id': '743', 'scenario-ids': '1', annotations: 'checks' },
      "Input 'annotations': expected one of 'check-run', 'workflow-commands', 'none'"
    ],
    [
      { 'project-id': '743', 'scenario-ids': '1', 'url-replacements': 'https://only-a-pattern.example.com' },
      "Input 'url-replacements': cannot read"
    ],
    [
      { 'project-id': '743', 'scenario-ids': '1', 'autify-api-url': 'http://autify.example.com/api/v1/' },
      "Input 'autify-api-url': refusing plain http:// to 'autify.example.com'"
    ],
    [
      { 'project-id': '743', 'scenario-ids': '1', 'autify-connect-client': 'true', 'autify-connect-client-extra-arguments': "--proxy 'x" },
      "Input 'autify-connect-client-extra-arguments': cannot split '--proxy 'x' into arguments: a single quote is not closed."
    ],
    [
      {
        'project-id': '743',
        'scenario-ids': '1',
        'testify-api-key': 'tfy-secret-key',
        'testify-subject': 'tfy-subject-1',
        'testify-tenant': 'tfy-tenant-1'
      },
      "Input 'testify-checklist-template': required"
    ]
  ])('%j', async (inputs, message) => {
    const before = h.autify.requests.length
    const githubBefore = h.github.requests.length
    const run = await h.run(inputs)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`::error::${message}`)
    expect(h.autify.requests.length).toBe(before)
    expect(h.github.requests.length).toBe(githubBefore)
    expect(run.stdout).not.toMatch(/\n\s+at /)
    expectNoSecret(everythingWritten(run), AUTIFY_TOKEN, 'tfy-secret-key')
  })

  it("with 'job-summary: false' readable, a rejected input writes no job summary but still sets the outputs", async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': 'x', 'job-summary': 'false' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ status: 'error', 'exit-code': '1' })
    expect(run.summary).toBe('')
  })

  it('legacy Autify CLI inputs are accepted with a warning', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437', 'autify-path': '/usr/local/bin/autify' })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain("::warning::'autify-path' is ignored: this action calls the Autify API directly and needs no Autify CLI.")
  })
})

describe('as the runner starts it', () => {
  let asRunner: Harness
  beforeAll(async () => {
    asRunner = await startHarness(fastWorld())
  })
  afterAll(() => asRunner.close())

  it('a rejected input still sets status: error and exit-code: 1 and writes a job summary saying what to fix', async () => {
    const run = await asRunner.run({ 'autify-test-url': 'https://app.autify.com/projects/743/results/1' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain("::error::Input 'autify-test-url': expected a scenario URL")
    expect(run.outputs).toMatchObject({ status: 'error', 'exit-code': '1' })
    for (const count of ['total', 'passed', 'failed', 'skipped', 'flaky', 'result-id', 'result-url'])
      expect(run.outputs[count] ?? '').toBe('')
    expect(run.outputs.summary).toMatch(/^\*\*⚠️ Autify: the run did not start\*\*\nInput 'autify-test-url': expected a scenario URL/)
    expect(run.outputs.log).toContain("Error: Input 'autify-test-url': expected a scenario URL")
    expect(run.summary).toContain('## ⚠️ Autify: the run did not start')
    expect(run.summary).toContain("Input 'autify-test-url': expected a scenario URL")
    expect(run.summary).toContain("Correct the input in the step's `with:`")
  })
})
