import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { annotationLocation } from '../src/github/annotation-location.js'
import { readGitHubContext, workflowPathOf } from '../src/github/context.js'

function workspaceWith(workflow: string): string {
  const workspace = mkdtempSync(path.join(tmpdir(), 'ws-'))
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
  it('takes the pull request head for pull_request events and GITHUB_SHA otherwise', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'event-'))
    const event = path.join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ pull_request: { head: { sha: 'head-sha' } } }))
    const base = { GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'merge-sha', GITHUB_EVENT_PATH: event }
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'pull_request' }).sha).toBe('head-sha')
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'pull_request_target' }).sha).toBe('head-sha')
    expect(readGitHubContext({ ...base, GITHUB_EVENT_NAME: 'push' }).sha).toBe('merge-sha')
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
