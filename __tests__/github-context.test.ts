import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { scratchRoot } from '../simulator/run-action.js'
import path from 'node:path'
import { annotationLocation } from '../src/github/annotation-location.js'
import { readGitHubContext, setAsideBrokenEventFile, workflowPathOf } from '../src/github/context.js'

function workspaceWith(workflow: string): string {
  const workspace = mkdtempSync(path.join(scratchRoot(), 'ws-'))
  mkdirSync(path.join(workspace, '.github/workflows'), { recursive: true })
  writeFileSync(path.join(workspace, '.github/workflows/e2e.yml'), workflow)
  return workspace
}

const WORKFLOW = [
  'jobs:',
  '  e2e:',
  '    steps:',
  '      - uses: actions/checkout@v7',
  '      - uses: ./',
  '      - uses: Octo-Org/autify-web-test-action@v1',
  ''
].join('\n')

describe('GitHub context', () => {
  it('puts the check run on the commit tested: PR head, workflow_run head, merge group head, else GITHUB_SHA', () => {
    const dir = mkdtempSync(path.join(scratchRoot(), 'event-'))
    const event = path.join(dir, 'event.json')
    const [head, runHead, groupHead, merge] = ['a', 'b', 'c', 'd'].map((c) => c.repeat(40))
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { number: 42, head: { sha: head } },
        workflow_run: { head_sha: runHead },
        merge_group: { head_sha: groupHead }
      })
    )
    const base = { GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: merge, GITHUB_EVENT_PATH: event }
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'pull_request' })).toMatchObject({ sha: head, pullRequest: 42 })
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'pull_request_target' })).toMatchObject({ sha: head, pullRequest: 42 })
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'workflow_run' })).toMatchObject({ sha: runHead, pullRequest: null })
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'merge_group' })).toMatchObject({ sha: groupHead, pullRequest: null })
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'push' })).toMatchObject({ sha: merge, pullRequest: null })
  })

  it('finds the base commit: pull_request.base, the workflow_run PR base, merge_group.base_sha, push.before', () => {
    const dir = mkdtempSync(path.join(scratchRoot(), 'event-'))
    const event = path.join(dir, 'event.json')
    const [prBase, runBase, groupBase, before] = ['1', '2', '3', '4'].map((c) => c.repeat(40))
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { number: 42, head: { sha: 'a'.repeat(40) }, base: { sha: prBase, ref: 'main' } },
        workflow_run: { head_sha: 'b'.repeat(40), pull_requests: [{ number: 7, base: { sha: runBase, ref: 'develop' } }] },
        merge_group: { head_sha: 'c'.repeat(40), base_sha: groupBase, base_ref: 'refs/heads/release' },
        before,
        ref: 'refs/heads/feature/x'
      })
    )
    const env = { GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'd'.repeat(40), GITHUB_EVENT_PATH: event }
    const baseOn = (name: string) => readGitHubContext({ ...env, GITHUB_EVENT_NAME: name }).base
    expect(baseOn('pull_request')).toEqual({ sha: prBase, ref: 'main' })
    expect(baseOn('pull_request_target')).toEqual({ sha: prBase, ref: 'main' })
    expect(baseOn('workflow_run')).toEqual({ sha: runBase, ref: 'develop' })
    expect(baseOn('merge_group')).toEqual({ sha: groupBase, ref: 'release' })
    expect(baseOn('push')).toEqual({ sha: before, ref: 'feature/x' })
    expect(baseOn('workflow_dispatch')).toBeNull()
  })

  it('has no base for a new branch (push.before all zeros) or a workflow_run without a pull request', () => {
    const dir = mkdtempSync(path.join(scratchRoot(), 'event-'))
    const event = path.join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ before: '0'.repeat(40), ref: 'refs/heads/new', workflow_run: { pull_requests: [] } }))
    const env = { GITHUB_SHA: 'd'.repeat(40), GITHUB_EVENT_PATH: event }
    expect(readGitHubContext({ ...env, GITHUB_EVENT_NAME: 'push' }).base).toBeNull()
    expect(readGitHubContext({ ...env, GITHUB_EVENT_NAME: 'workflow_run' }).base).toBeNull()
  })

  it('ignores event fields of the wrong shape', () => {
    const dir = mkdtempSync(path.join(scratchRoot(), 'event-'))
    const event = path.join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ pull_request: { number: '42; rm -rf', head: { sha: 'not a sha' } } }))
    const context = readGitHubContext({ GITHUB_SHA: 'd'.repeat(40), GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'pull_request' })
    expect(context).toMatchObject({ sha: 'd'.repeat(40), pullRequest: null })
  })

  it('finds the workflow file in GITHUB_WORKFLOW_REF', () => {
    expect(workflowPathOf('octo/app/.github/workflows/e2e.yml@refs/pull/4/merge')).toBe('.github/workflows/e2e.yml')
    expect(workflowPathOf(undefined)).toBeNull()
  })

  it('attaches annotations to the step’s uses: line', () => {
    const workspace = workspaceWith(WORKFLOW)
    const context = {
      ...readGitHubContext({ GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/e2e.yml@refs/heads/main', GITHUB_WORKSPACE: workspace }),
      actionRepository: 'octo-org/autify-web-test-action'
    }
    expect(annotationLocation(context)).toEqual({ path: '.github/workflows/e2e.yml', line: 6 })
    expect(annotationLocation({ ...context, actionRepository: null })).toEqual({ path: '.github/workflows/e2e.yml', line: 5 })
    expect(annotationLocation({ ...context, workspace: '/nonexistent' })).toEqual({ path: '.github/workflows/e2e.yml', line: 1 })
    expect(annotationLocation({ ...context, workflowPath: null })).toEqual({ path: '.github', line: 1 })
  })
})

describe('an event file that is not a JSON object', () => {
  const eventFile = (content: string) => {
    const file = path.join(mkdtempSync(path.join(scratchRoot(), 'event-')), 'event.json')
    writeFileSync(file, content)
    return file
  }

  it.each([
    ['not JSON', '{"pull_request": {', 'could not be read as JSON'],
    ['null', 'null', 'is not a JSON object'],
    ['an array', '[1]', 'is not a JSON object'],
    ['a number', '5', 'is not a JSON object']
  ])('%s: one warning, the file set aside, no pull request read', (_, content, problem) => {
    const env: NodeJS.ProcessEnv = { GITHUB_EVENT_PATH: eventFile(content), GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: 'd'.repeat(40) }
    const warning = setAsideBrokenEventFile(env)
    expect(warning).toContain(problem)
    expect(warning).toContain('pull-request features are off')
    expect(warning).not.toContain('{"pull_request"')
    expect(env.GITHUB_EVENT_PATH).toBeUndefined()
    expect(readGitHubContext(env)).toMatchObject({ pullRequest: null, sha: 'd'.repeat(40) })
  })

  it('a JSON object, or no file at all, is left as it is', () => {
    const env: NodeJS.ProcessEnv = { GITHUB_EVENT_PATH: eventFile('{"pull_request": {"number": 7}}') }
    expect(setAsideBrokenEventFile(env)).toBeNull()
    expect(env.GITHUB_EVENT_PATH).toBeDefined()
    expect(setAsideBrokenEventFile({ GITHUB_EVENT_PATH: '/nonexistent/event.json' })).toBeNull()
    expect(setAsideBrokenEventFile({})).toBeNull()
  })
})
