import { describe, expect, it } from '@jest/globals'
import type { GitHubContext } from '../src/github/context.js'
import { readSettings } from '../src/settings/read-settings.js'

const github: GitHubContext = {
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  repository: { owner: 'octo-org', repo: 'shop' },
  sha: '0123456789abcdef0123456789abcdef01234567',
  eventName: 'push',
  workflowPath: '.github/workflows/e2e.yml',
  runUrl: null,
  workspace: '/work/space',
  actionRepository: null,
  pullRequest: null
}

function settingsFor(inputs: Record<string, string>) {
  const all: Record<string, string> = { 'access-token': 'token-1234', ...inputs }
  return readSettings((name) => (all[name] ?? '').trim(), github)
}

describe('readSettings: autify-result-url', () => {
  it('reads a result URL (its project and result), or latest with project-id and test-plan-id', () => {
    expect(settingsFor({ 'autify-result-url': 'https://app.autify.com/projects/743/results/1920728/x?y=1' }).settings.target).toEqual({
      kind: 'result',
      projectId: 743,
      resultId: 1920728
    })
    expect(settingsFor({ 'autify-result-url': 'Latest', 'project-id': '743', 'test-plan-id': '9' }).settings.target).toEqual({
      kind: 'latest-result',
      projectId: 743,
      testPlanId: 9
    })
  })

  it.each([
    [{ 'autify-result-url': 'latest', 'test-plan-id': '9' }, "Input 'project-id': required with 'autify-result-url: latest'"],
    [{ 'autify-result-url': 'https://app.autify.com/projects/743/test_plans/9' }, "Input 'autify-result-url': expected a result URL"],
    [{ 'autify-result-url': 'ftp://app.autify.com/projects/743/results/1' }, "Input 'autify-result-url': expected a result URL"],
    [{ 'autify-result-url': 'https://x/projects/743/results/1', 'max-retry-count': '2' }, "Input 'max-retry-count': cannot be combined"],
    [
      { 'autify-result-url': 'https://x/projects/743/results/1', 'autify-connect-client-version': 'v1.1.34' },
      "Input 'autify-connect-client-version': cannot be combined"
    ],
    [{ 'autify-result-url': 'latest', 'project-id': '743', 'test-plan-id': '9', os: 'Linux' }, "Input 'os': cannot be combined"]
  ])('refuses %j', (inputs, message) => {
    expect(() => settingsFor(inputs)).toThrow(message)
  })

  it("accepts the defaults of the inputs it refuses: 'max-retry-count: 0', 'autify-connect-client: false', 'wait: true'", () => {
    const { settings } = settingsFor({
      'autify-result-url': 'https://x/projects/743/results/1',
      'max-retry-count': '0',
      'autify-connect-client': 'false',
      wait: 'true'
    })
    expect(settings.target.kind).toBe('result')
  })
})

describe('readSettings', () => {
  it('builds the defaults from a scenario URL', () => {
    const { settings, warnings } = settingsFor({ 'autify-test-url': 'https://app.autify.com/projects/743/scenarios/91437' })
    expect(warnings).toEqual([])
    expect(settings).toMatchObject({
      apiUrl: 'https://app.autify.com/api/v1/',
      webUrl: 'https://app.autify.com',
      target: { kind: 'scenarios', projectId: 743, scenarioIds: [91437] },
      capabilities: { kind: 'default' },
      wait: true,
      timeoutMs: 300_000,
      intervalMs: 5_000,
      maxRetryCount: 0,
      failOn: 'any',
      github: {
        token: null,
        checkName: 'Autify',
        annotations: 'check-run',
        jobSummary: true,
        prComment: 'off',
        annotatePasses: false,
        listTests: 'failures'
      },
      junitReport: null,
      testify: null
    })
  })

  it('reads project-id with several scenario-ids, capabilities and the rest', () => {
    const { settings } = settingsFor({
      'project-id': '743',
      'scenario-ids': '91437\n91438',
      capabilities: '[{"os":"Linux","browser":"Chrome"},{"os":"Windows","browser":"Edge"}]',
      'execution-type': 'sequential',
      'test-execution-name': 'PR #42',
      'autify-connect': 'office',
      'url-replacements': 'https://a.com https://b.com',
      wait: 'false',
      timeout: '600',
      interval: '10',
      'max-retry-count': '2',
      annotations: 'workflow-commands',
      'job-summary': 'false',
      'annotate-passes': 'true',
      'list-tests': 'all',
      'junit-report': 'reports/junit.xml'
    })
    expect(settings.target).toEqual({ kind: 'scenarios', projectId: 743, scenarioIds: [91437, 91438] })
    expect(settings.capabilities).toEqual({
      kind: 'explicit',
      capabilities: [
        { os: 'Linux', browser: 'Chrome' },
        { os: 'Windows', browser: 'Edge' }
      ]
    })
    expect(settings).toMatchObject({
      executionType: 'sequential',
      executionName: 'PR #42',
      autifyConnect: 'office',
      urlReplacements: [{ patternUrl: 'https://a.com', replacementUrl: 'https://b.com' }],
      wait: false,
      timeoutMs: 600_000,
      intervalMs: 10_000,
      maxRetryCount: 2,
      github: { annotations: 'workflow-commands', jobSummary: false, annotatePasses: true, listTests: 'all' },
      junitReport: '/work/space/reports/junit.xml'
    })
  })

  it('turns the shorthand inputs into a capability lookup', () => {
    const { settings } = settingsFor({ 'project-id': '1', 'scenario-ids': '2', os: 'Windows', 'os-version': '11', browser: 'Edge' })
    expect(settings.capabilities).toEqual({ kind: 'lookup', query: { os: 'Windows', osVersion: '11', browser: 'Edge' } })
  })

  it.each([
    [{}, /^Input 'access-token': required/],
    [{ 'access-token': 'a b' }, /^Input 'access-token': must be a single token/],
    [{ 'access-token': 't' }, /^Input 'autify-test-url': nothing to run/],
    [
      { 'autify-test-url': 'https://app.autify.com/projects/1/scenarios/2', 'project-id': '1' },
      /^Input 'project-id': cannot be combined with 'autify-test-url'/
    ],
    [{ 'scenario-ids': '2' }, /^Input 'project-id': required with 'scenario-ids'/],
    [{ 'project-id': '1' }, /^Input 'project-id': needs 'scenario-ids' or 'test-plan-id'/],
    [{ 'project-id': '1', 'scenario-ids': '2', 'test-plan-id': '3' }, /^Input 'test-plan-id': cannot be combined with 'scenario-ids'/],
    [{ 'project-id': 'x', 'test-plan-id': '3' }, /^Input 'project-id': expected a numeric project ID/],
    [{ 'project-id': '1', 'test-plan-id': '3', os: 'Linux' }, /^Input 'os': cannot be used with a test plan/],
    [
      { 'project-id': '1', 'test-plan-id': '3', capabilities: '[{"os":"Linux"}]' },
      /^Input 'capabilities': cannot be used with a test plan/
    ],
    [
      { 'project-id': '1', 'test-plan-id': '3', 'test-execution-name': 'x' },
      /^Input 'test-execution-name': cannot be used with a test plan/
    ],
    [{ 'project-id': '1', 'test-plan-id': '3', 'execution-type': 'parallel' }, /^Input 'execution-type': cannot be used with a test plan/],
    [
      { 'project-id': '1', 'scenario-ids': '2', capabilities: '[{"os":"Linux"}]', browser: 'Chrome' },
      /^Input 'browser': cannot be combined with 'capabilities'/
    ],
    [
      { 'project-id': '1', 'scenario-ids': '2', 'execution-type': 'fast' },
      /^Input 'execution-type': expected one of 'parallel', 'sequential'/
    ],
    [
      { 'project-id': '1', 'scenario-ids': '2', annotations: 'all' },
      /^Input 'annotations': expected one of 'check-run', 'workflow-commands', 'none'/
    ],
    [{ 'project-id': '1', 'scenario-ids': '2', 'fail-on': 'old' }, /^Input 'fail-on': expected one of 'any', 'new'/],
    [{ 'project-id': '1', 'scenario-ids': '2', 'pr-comment': 'yes' }, /^Input 'pr-comment': expected one of 'off', 'always', 'on-failure'/],
    [{ 'project-id': '1', 'scenario-ids': '2', 'annotate-passes': 'some' }, /^Input 'annotate-passes': expected 'true' or 'false'/],
    [{ 'project-id': '1', 'scenario-ids': '2', 'list-tests': 'failed' }, /^Input 'list-tests': expected one of 'all', 'failures', 'none'/],
    [
      { 'project-id': '1', 'scenario-ids': '2', 'autify-api-url': 'http://example.com/api/v1/' },
      /^Input 'autify-api-url': refusing plain http/
    ],
    [
      { 'project-id': '1', 'scenario-ids': '2', 'autify-connect-client': 'true', 'autify-connect': 'office' },
      /^Input 'autify-connect': cannot be combined with 'autify-connect-client: true'/
    ],
    [
      { 'project-id': '1', 'scenario-ids': '2', 'autify-connect-client': 'yes please' },
      /^Input 'autify-connect-client': expected 'true' or 'false'/
    ],
    [
      { 'project-id': '1', 'scenario-ids': '2', 'autify-connect-client': 'true', wait: 'false' },
      /^Input 'wait': must be 'true' with 'autify-connect-client: true'/
    ],
    [
      { 'project-id': '1', 'scenario-ids': '2', 'autify-connect-client': 'true', 'autify-connect-client-version': 'latest' },
      /^Input 'autify-connect-client-version': expected a version such as 'v1.1.34', got 'latest'\./
    ],
    [
      {
        'project-id': '1',
        'scenario-ids': '2',
        'autify-connect-client': 'true',
        'autify-connect-client-extra-arguments': '--tunnel-proxy "http://proxy'
      },
      /^Input 'autify-connect-client-extra-arguments': cannot split .* a double quote is not closed\./
    ],
    [
      {
        'project-id': '1',
        'scenario-ids': '2',
        'autify-connect-client': 'true',
        'autify-connect-client-extra-arguments': '--verbose > log.txt'
      },
      /^Input 'autify-connect-client-extra-arguments': cannot split .* '>' would mean something to a shell/
    ],
    [
      {
        'project-id': '1',
        'scenario-ids': '2',
        'autify-connect-client': 'true',
        'autify-connect-client-extra-arguments': '--debug-server-port=9000'
      },
      /^Input 'autify-connect-client-extra-arguments': must not set '--debug-server-port'/
    ],
    [
      { 'project-id': '1', 'scenario-ids': '2', 'autify-connect-client': 'true', 'autify-connect-client-startup-timeout': '0' },
      /^Input 'autify-connect-client-startup-timeout': expected more than 0 and at most 600 seconds/
    ],
    [
      {
        'project-id': '1',
        'scenario-ids': '2',
        'autify-connect-client': 'true',
        'autify-connect-client-download-url': 'http://mirror.example.com/ac/'
      },
      /^Input 'autify-connect-client-download-url': expected an https:\/\/ URL \(http:\/\/ only for localhost\)/
    ]
  ])('rejects %j', (inputs, message) => {
    const all = { 'access-token': 'token-1234', ...inputs } as Record<string, string>
    if ('access-token' in inputs) all['access-token'] = (inputs as Record<string, string>)['access-token']
    else if (Object.keys(inputs).length === 0) delete all['access-token']
    expect(() => readSettings((name) => (all[name] ?? '').trim(), github)).toThrow(message)
  })

  describe('test-plan-variables', () => {
    const plan = { 'project-id': '1', 'test-plan-id': '2' }
    const variablesOf = (text: string, extra: Record<string, string> = {}) =>
      settingsFor({ ...plan, ...extra, 'test-plan-variables': text }).settings.planVariables

    it('reads KEY=value lines: trimmed, comments and blank lines skipped, = inside a value kept, an empty value allowed', () => {
      expect(variablesOf('  BASE_URL = https://pr-1.example/?a=b \n\n# a comment\r\nEMPTY=\nTOKEN==x=')).toEqual([
        { key: 'BASE_URL', value: 'https://pr-1.example/?a=b' },
        { key: 'EMPTY', value: '' },
        { key: 'TOKEN', value: '=x=' }
      ])
      expect(variablesOf('')).toEqual([])
    })

    it('takes 50 keys and refuses 51', () => {
      const lines = (n: number) => Array.from({ length: n }, (_, i) => `K${i}=v`).join('\n')
      expect(variablesOf(lines(50))).toHaveLength(50)
      expect(() => variablesOf(lines(51))).toThrow(
        "Input 'test-plan-variables': 51 keys: Autify keeps at most 50 variables on a test plan."
      )
    })

    it('never echoes a line it cannot read: a value may be a credential', () => {
      for (const text of ['PASSWORD hunter2-secret', 'MY KEY=hunter2-secret', '=hunter2-secret']) {
        expect(() => variablesOf(text)).toThrow(/^Input 'test-plan-variables': line 1 is not 'KEY=value'/)
        expect(() => variablesOf(text)).not.toThrow(/hunter2/)
      }
    })

    it('warns that retries run outside the plan, without the variables', () => {
      const { warnings } = settingsFor({ ...plan, 'test-plan-variables': 'A=b', 'max-retry-count': '1' })
      expect(warnings).toEqual([
        "Retries ('max-retry-count') run the failed scenarios outside the test plan: they do not see 'test-plan-variables'."
      ])
    })
  })

  it('warns about Autify CLI inputs it ignores', () => {
    const { warnings } = settingsFor({
      'autify-test-url': 'https://app.autify.com/projects/1/scenarios/2',
      'autify-path': 'autify',
      'autify-cli-installer-url': 'https://example.com/install.bash'
    })
    expect(warnings).toEqual([
      "'autify-path' is ignored: this action calls the Autify API directly and needs no Autify CLI.",
      "'autify-cli-installer-url' is ignored: this action calls the Autify API directly and needs no Autify CLI."
    ])
  })
})

describe('Autify Connect Client settings', () => {
  const base = { 'project-id': '743', 'test-plan-id': '169408' }

  it('is off by default; its other inputs then only warn', () => {
    const { settings, warnings } = settingsFor({ ...base, 'autify-connect-client-extra-arguments': '--verbose' })
    expect(settings.connectClient).toBeNull()
    expect(warnings).toEqual(["'autify-connect-client-extra-arguments' has no effect without 'autify-connect-client: true'."])
  })

  it('defaults to the pinned version from Autify, for this runner, ready within 30 s', () => {
    const { settings } = readSettings(
      (name) => ({ 'access-token': 'token-1234', ...base, 'autify-connect-client': 'true' })[name] ?? '',
      github,
      { platform: 'linux', arch: 'arm64' }
    )
    expect(settings.connectClient).toEqual({
      version: 'v1.1.34',
      downloadUrl: 'https://autifyconnect.s3.ap-northeast-1.amazonaws.com/autifyconnect/versions/',
      platform: { os: 'linux', arch: 'arm64', ext: 'tar.gz' },
      extraArguments: [],
      startupTimeoutMs: 30_000
    })
    expect(settings.autifyConnect).toBeNull()
  })

  it('reads a version, a mirror, extra arguments and a startup timeout', () => {
    const { settings } = settingsFor({
      ...base,
      'autify-connect-client': 'true',
      'autify-connect-client-version': '1.1.35',
      'autify-connect-client-download-url': 'https://mirror.example.com/autifyconnect?x=1',
      'autify-connect-client-extra-arguments': `--tunnel-proxy 'http://proxy.internal:3128' --name "my runner"`,
      'autify-connect-client-startup-timeout': '12.5'
    })
    expect(settings.connectClient).toMatchObject({
      version: 'v1.1.35',
      downloadUrl: 'https://mirror.example.com/autifyconnect/',
      extraArguments: ['--tunnel-proxy', 'http://proxy.internal:3128', '--name', 'my runner'],
      startupTimeoutMs: 12_500
    })
  })

  it('refuses a runner Autify publishes no client for, before anything is created', () => {
    const read = (name: string) => ({ 'access-token': 'token-1234', ...base, 'autify-connect-client': 'true' })[name] ?? ''
    expect(() => readSettings(read, github, { platform: 'aix', arch: 'ppc64' })).toThrow(
      "Input 'autify-connect-client': Autify publishes no Autify Connect Client for this runner (aix/ppc64)"
    )
    expect(() => readSettings(read, github, { platform: 'linux', arch: 's390x' })).toThrow(/\(linux\/s390x\)/)
  })
})

describe('Testify settings', () => {
  const base = { 'autify-test-url': 'https://app.autify.com/projects/1/scenarios/2' }

  it('is off without an API key, with a warning when other Testify inputs are set', () => {
    expect(settingsFor(base).settings.testify).toBeNull()
    const { settings, warnings } = settingsFor({ ...base, 'testify-checklist-template': 'tpl' })
    expect(settings.testify).toBeNull()
    expect(warnings[0]).toMatch(/Testify publishing is off: 'testify-checklist-template' is set but 'testify-api-key' is empty/)
  })

  it('builds headers, the default test object and identifier', () => {
    const { settings } = settingsFor({
      ...base,
      'testify-api-key': 'sec',
      'testify-subject': 'sub',
      'testify-tenant': 'ten',
      'testify-checklist-template': 'tpl'
    })
    expect(settings.testify).toEqual({
      apiUrl: 'https://cloud.testify.io/core/services/',
      apiVersion: '2.0',
      authHeaders: { Secret: 'sec', Subject: 'sub', Tenant: 'ten' },
      checklistTemplate: 'tpl',
      testObject: 'octo-org/shop@0123456',
      checkIdentifier: '{scenario-name}'
    })
  })

  it('lets testify-auth-headers replace the header set', () => {
    const { settings } = settingsFor({
      ...base,
      'testify-api-key': 'sec',
      'testify-checklist-template': 'tpl',
      'testify-auth-headers': 'X-Api-Key: {secret}\nX-Static: yes'
    })
    expect(settings.testify?.authHeaders).toEqual({ 'X-Api-Key': 'sec', 'X-Static': 'yes' })
  })

  it.each([
    [{ 'testify-api-key': 'sec', 'testify-subject': 's', 'testify-tenant': 't' }, /^Input 'testify-checklist-template': required/],
    [{ 'testify-api-key': 'sec', 'testify-checklist-template': 'tpl' }, /^Input 'testify-subject': required when publishing/],
    [
      { 'testify-api-key': 'sec', 'testify-checklist-template': 'tpl', 'testify-auth-headers': 'X: {password}' },
      /unknown placeholder '\{password\}'/
    ],
    [
      { 'testify-api-key': 'sec', 'testify-checklist-template': 'tpl', 'testify-auth-headers': 'not a header' },
      /^Input 'testify-auth-headers'/
    ],
    [
      {
        'testify-api-key': 'sec',
        'testify-subject': 's',
        'testify-tenant': 't',
        'testify-checklist-template': 'tpl',
        'testify-check-identifier': '{name}'
      },
      /^Input 'testify-check-identifier': unknown placeholder/
    ],
    [
      {
        'testify-api-key': 'sec',
        'testify-subject': 's',
        'testify-tenant': 't',
        'testify-checklist-template': 'tpl',
        'testify-api-url': 'http://testify.example.com/'
      },
      /^Input 'testify-api-url': refusing plain http/
    ]
  ])('rejects %j', (inputs, message) => {
    expect(() => settingsFor({ ...base, ...inputs })).toThrow(message)
  })
})
