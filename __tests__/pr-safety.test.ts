import { describe, expect, it } from '@jest/globals'
import { commentListShape, commentShape } from '../src/github/api-shapes.js'
import { ACTIONS_BOT, isWrittenBy } from '../src/github/comment-author.js'
import { parseShape } from '../src/util/shape.js'
import { commentFailure } from '../src/github/pr-comment-reporter.js'
import { missingAnnotations, writeFailureOf } from '../src/github/write-once.js'
import { escapeMarkdown, withoutMentions } from '../src/report/markdown.js'
import { PR_COMMENT_MAX_BYTES, prCommentMarker, renderPrComment } from '../src/report/pr-comment.js'
import { ReporterFence } from '../src/report/reporter-fence.js'
import type { Reporter } from '../src/report/reporter.js'
import { parsePullRequestNumber } from '../src/settings/parsers.js'
import { MAX_NAME_CHARS, byteLength, shownName } from '../src/util/format.js'
import { report, testCase } from '../simulator/sample-reports.js'

const WJ = '\u2060'

describe('no mention, no cross-reference', () => {
  it.each([
    ['@user', `@${WJ}user`],
    ['ping @org/team now', `ping @${WJ}org/team now`],
    ['fixes #123', `fixes #${WJ}123`],
    ['see GH-45 and gh-7', `see GH-${WJ}45 and gh-${WJ}7`],
    ['C# and #tag and a lone @', 'C# and #tag and a lone @']
  ])('%s', (text, expected) => {
    expect(withoutMentions(text)).toBe(expected)
  })

  it('in every Markdown text, link labels included: the escaping happens first, the name reads the same', () => {
    expect(escapeMarkdown('Release @org/team #123')).toBe(`Release @${WJ}org/team \\#${WJ}123`)
    const comment = renderPrComment(report([testCase({ scenarioName: 'Pay @user #9', status: 'failed' })]), {
      checkName: 'Autify',
      runUrl: null,
      sha: null
    })
    expect(comment).toContain(`[Pay @${WJ}user \\#${WJ}9](`)
    expect(comment).not.toMatch(/@\w|#\d/)
  })
})

describe('names and the comment within limits', () => {
  it(`a name is cut past ${MAX_NAME_CHARS} characters, marked with an ellipsis`, () => {
    expect(shownName('x'.repeat(MAX_NAME_CHARS))).toBe('x'.repeat(MAX_NAME_CHARS))
    expect(shownName('x'.repeat(MAX_NAME_CHARS + 1))).toBe(`${'x'.repeat(MAX_NAME_CHARS - 1)}…`)
  })

  it('the comment is clipped at a row boundary and counts the failures left out', () => {
    const failures = Array.from({ length: 12 }, (_, i) => testCase({ scenarioName: `Failure ${i} ${'é'.repeat(200)}`, status: 'failed' }))
    const context = { checkName: 'Autify', runUrl: 'https://github.com/o/r/actions/runs/1', sha: null }
    const full = renderPrComment(report(failures), context)
    const maxBytes = Math.floor(byteLength(full) / 2)
    const clipped = renderPrComment(report(failures), context, maxBytes)
    expect(byteLength(clipped)).toBeLessThanOrEqual(maxBytes)
    const rows = clipped.split('\n').filter((line) => line.startsWith('| ❌'))
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThan(12)
    for (const row of rows) expect(row).toMatch(/^\| ❌ Failed \| \[Failure \d+ é+\]\(.+\) \| .+ \| {2}\|$/)
    expect(clipped).toContain(`_… ${12 - rows.length} more failures in the job summary._`)
    expect(clipped).toMatch(/<sub>\[Job summary\]\(.+\) · this comment is updated on every run\.<\/sub>$/)
  })

  it('fits GitHub however it counts: UTF-8 bytes, never fewer than characters', () => {
    const huge = report(Array.from({ length: 20 }, (_, i) => testCase({ scenarioName: `${i} ${'&😀'.repeat(5000)}`, status: 'failed' })))
    const comment = renderPrComment(huge, { checkName: 'Autify', runUrl: null, sha: null })
    expect(byteLength(comment)).toBeLessThanOrEqual(PR_COMMENT_MAX_BYTES)
    expect(comment.length).toBeLessThanOrEqual(65_536)
  })
})

describe("the comment is the action's own", () => {
  const marker = prCommentMarker('Autify')
  const comment = (user: unknown, extra: Record<string, unknown> = {}) =>
    parseShape(commentShape, { id: 1, body: `${marker}\nx`, user, ...extra })

  it('a Bot of the same login is ours; a person with the same marker never is', () => {
    expect(isWrittenBy(comment({ login: 'github-actions[bot]', type: 'Bot' }), ACTIONS_BOT)).toBe(true)
    expect(isWrittenBy(comment({ login: 'GitHub-Actions[bot]', type: 'Bot' }), ACTIONS_BOT)).toBe(true)
    expect(isWrittenBy(comment({ login: 'alice', type: 'User' }), ACTIONS_BOT)).toBe(false)
    expect(isWrittenBy(comment({ login: 'github-actions[bot]', type: 'User' }), ACTIONS_BOT)).toBe(false)
    expect(isWrittenBy(comment(null), ACTIONS_BOT)).toBe(false)
  })

  it('with a personal access token, the person is the author; with a known app, the app must match', () => {
    const alice = { login: 'alice', type: 'User' as const }
    expect(isWrittenBy(comment({ login: 'alice', type: 'User' }), alice)).toBe(true)
    const app = { login: 'my-app[bot]', type: 'Bot' as const, appId: 7 }
    expect(isWrittenBy(comment({ login: 'my-app[bot]', type: 'Bot' }, { performed_via_github_app: { id: 7 } }), app)).toBe(true)
    expect(isWrittenBy(comment({ login: 'my-app[bot]', type: 'Bot' }, { performed_via_github_app: { id: 8 } }), app)).toBe(false)
  })

  it('403 is a permission and 404 a pull request that is not there: different warnings', () => {
    const repository = { owner: 'octo', repo: 'shop' }
    const forbidden = commentFailure(7, repository, Object.assign(new Error('Forbidden'), { status: 403 }))
    const missing = commentFailure(7, repository, Object.assign(new Error('Not Found'), { status: 404 }))
    expect(forbidden).toMatch(
      /^Could not comment on pull request #7 \(HTTP 403\): the token may not write comments\. It needs 'pull-requests: write'/
    )
    expect(missing).toMatch(
      /^Could not comment on pull request #7 \(HTTP 404\): octo\/shop has no such pull request, or the token cannot see it\./
    )
    expect(missing).not.toContain('pull-requests: write')
  })

  it('a comment without an ID or a body is not read', () => {
    expect(() => parseShape(commentShape, { body: marker })).toThrow('id is missing, expected an integer')
    expect(() => parseShape(commentShape, { id: 1 })).toThrow('body is missing, expected a string')
    expect(() => parseShape(commentShape, null)).toThrow('the body is null, expected an object')
  })

  it('a malformed comment list keeps the comments that can be read, with or without an author', () => {
    const listed = parseShape(commentListShape, [
      null,
      'a string',
      { id: '2', body: marker },
      { id: 3, body: null },
      { id: 4, body: marker, user: { login: 7, type: 'Bot' }, performed_via_github_app: 'x' },
      { id: 5, body: marker, user: { login: 'octo[bot]', type: 42 }, performed_via_github_app: { id: 1.5 }, extra: {} },
      { id: 6, body: marker, user: { login: 'app[bot]', type: 'Bot' }, performed_via_github_app: { id: 9, slug: null } }
    ])
    expect(listed).toEqual([
      { id: 4, body: marker, author: null },
      { id: 5, body: marker, author: { login: 'octo[bot]', type: 'User', appId: null } },
      { id: 6, body: marker, author: { login: 'app[bot]', type: 'Bot', appId: 9 } }
    ])
    expect(parseShape(commentListShape, null)).toEqual([])
    expect(() => parseShape(commentListShape, { comments: [] })).toThrow('the body is an object, expected an array')
  })
})

describe('writes that must not be repeated blindly', () => {
  const answered = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status, response: { status } })

  it('tells a request that never left from one that may have been applied', () => {
    const refused = Object.assign(new Error('fetch failed'), {
      status: 500,
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' })
    })
    expect(writeFailureOf(refused)).toBe('not-sent')
    expect(writeFailureOf(Object.assign(new Error('x'), { cause: { code: 'ENOTFOUND' } }))).toBe('not-sent')
    expect(writeFailureOf(answered(422))).toBe('refused')
    expect(writeFailureOf(answered(403))).toBe('refused')
    expect(writeFailureOf(answered(502))).toBe('ambiguous')
    expect(writeFailureOf(answered(408))).toBe('ambiguous')
    expect(writeFailureOf(Object.assign(new Error('socket hang up'), { status: 500, cause: { code: 'ECONNRESET' } }))).toBe('ambiguous')
    expect(writeFailureOf(new Error('timeout'))).toBe('ambiguous')
  })

  it('sends again only the annotations GitHub does not have, each as often as it was meant', () => {
    const a = (title: string) => ({ annotation_level: 'failure', title, message: 'm' })
    expect(missingAnnotations([a('1'), a('2'), a('3')], [a('1'), a('3')])).toEqual([a('2')])
    expect(missingAnnotations([a('1'), a('1')], [a('1')])).toEqual([a('1')])
    expect(missingAnnotations([a('1')], [])).toEqual([a('1')])
  })
})

describe('the reporter fence', () => {
  it('once finishing begins, no start or progress reaches any reporter; a throwing one does not stop the others', () => {
    const seen: string[] = []
    const reporter = (name: string, fail = false): Reporter => ({
      name,
      onProgress: () => {
        if (fail) throw new Error('boom')
        seen.push(name)
      },
      finish: async () => ({})
    })
    const errors: string[] = []
    const fence = new ReporterFence([reporter('a', true), reporter('b')], (r) => errors.push(r.name))
    const running = report([testCase()], { outcome: 'running' })
    fence.progress(running, [])
    fence.close()
    fence.progress(running, [])
    expect(seen).toEqual(['b'])
    expect(errors).toEqual(['a'])
  })
})

describe('pr-number', () => {
  it('takes a positive whole number', () => {
    expect(parsePullRequestNumber('pr-number', '')).toBeNull()
    expect(parsePullRequestNumber('pr-number', '42')).toBe(42)
    expect(parsePullRequestNumber('pr-number', '#42')).toBe(42)
    for (const bad of ['0', '-1', '4.2', 'abc', '99999999999999999999']) {
      expect(() => parsePullRequestNumber('pr-number', bad)).toThrow(/'pr-number'.*expected a pull request number/)
    }
  })
})
