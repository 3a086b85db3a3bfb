/**
 * The pull-request comment reporter against the GitHub simulator over loopback HTTP: which pull
 * requests it comments on, when it stays silent, how it finds, edits and tidies its own comment,
 * and how a failure to comment is worded. Each reporter waits on a virtual clock of its own.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { ACTIONS_BOT, GitHubSimulator, type SimUser } from '../simulator/github/github-simulator.js'
import { report, testCase } from '../simulator/sample-reports.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import type { GitHubContext } from '../src/github/context.js'
import { type PrCommentOptions, PullRequestCommentReporter } from '../src/github/pr-comment-reporter.js'
import { type LogSink, useLogSink } from '../src/log.js'
import type { RunReport } from '../src/model.js'
import { prCommentMarker, renderNotStartedComment, renderPrComment } from '../src/report/pr-comment.js'
import type { FinishContext } from '../src/report/reporter.js'
import { recordingSink } from './helpers/in-process.js'

const TOKEN = 'ghs_pr-comment-reporter-token'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const RUN_URL = 'https://github.com/octo-org/shop/actions/runs/1'
const REPO = '/repos/octo-org/shop'
const MARKER = prCommentMarker('Autify')
const ALICE: SimUser = { login: 'alice', type: 'User' }

let github: GitHubSimulator
const logged: string[] = []
let previousSink: LogSink
let seen = 0
beforeAll(async () => {
  github = await new GitHubSimulator({ token: TOKEN }).start()
  previousSink = useLogSink(recordingSink((kind, text) => logged.push(`${kind}: ${text}`)))
})
afterAll(async () => {
  useLogSink(previousSink)
  await github.close()
})
beforeEach(() => {
  logged.length = 0
  seen = github.requests.length
})
afterEach(() => github.clearFaults())

/** This test's requests, e.g. `GET /issues/7/comments?page=1`, `PATCH /issues/comments/15`. */
const calls = () =>
  github.requests
    .slice(seen)
    .map((r) => `${r.method} ${r.path.replace(REPO, '')}${r.query.has('page') ? `?page=${r.query.get('page')}` : ''}`)
const list = (pr: number, page = 1) => `GET /issues/${pr}/comments?page=${page}`

function context(overrides: Partial<GitHubContext> = {}): GitHubContext {
  return {
    apiUrl: github.apiUrl,
    serverUrl: 'https://github.com',
    repository: { owner: 'octo-org', repo: 'shop' },
    sha: SHA,
    eventName: 'push',
    workflowPath: '.github/workflows/e2e.yml',
    runUrl: RUN_URL,
    workspace: '/tmp',
    actionRepository: null,
    pullRequest: null,
    ...overrides
  }
}
const reporter = (options: Partial<PrCommentOptions> = {}, overrides: Partial<GitHubContext> = {}) =>
  new PullRequestCommentReporter({ token: TOKEN, checkName: 'Autify', mode: 'always', ...options }, context(overrides), new VirtualClock())
const finishing = (overrides: Partial<FinishContext> = {}): FinishContext => ({
  signal: AbortSignal.timeout(10_000),
  cancelled: false,
  sections: [],
  ...overrides
})
const failing = () => report([testCase({ status: 'failed', scenarioName: 'Pay' }), testCase({ scenarioName: 'Sign in' })])
const passing = () => report([testCase({ scenarioName: 'Sign in' })])
const rendered = (run: RunReport, resolved: boolean) => renderPrComment(run, { checkName: 'Autify', runUrl: RUN_URL, sha: SHA, resolved })
/** A passing run in on-failure mode: reads the pull request's comments and, finding none of its own, writes nothing. */
const look = (options: Partial<PrCommentOptions> = {}, overrides: Partial<GitHubContext> = {}) =>
  reporter({ mode: 'on-failure', ...options }, overrides).finish(passing(), finishing())

let nextPullRequest = 1000
const newPullRequest = () => nextPullRequest++
const commentsOn = (pr: number) => github.comments.filter((c) => c.issue_number === pr)
const ownComment = (pr: number, text: string) => github.addComment(pr, `${MARKER}\n${text}`, ACTIONS_BOT)
/** A commit of its own per test, so the simulator's pull requests of one test do not meet another's. */
let nextCommit = 0
const newCommit = () => `${(++nextCommit).toString(16).padStart(7, '0')}${'a'.repeat(33)}`
const openPullRequest = (number: number, sha: string) => ({ number, state: 'open' as const, head: { sha, ref: `topic-${number}` } })

describe('where the comment goes', () => {
  it('is named for the log', () => {
    expect(reporter().name).toBe('pull-request comment')
  })

  it('the pr-number input before the event’s pull request; one page read when it is short', async () => {
    const [named, event] = [newPullRequest(), newPullRequest()]
    expect(await look({ pullRequest: named }, { eventName: 'pull_request', pullRequest: event })).toEqual({})
    await look({}, { eventName: 'pull_request', pullRequest: event })
    await look({ pullRequest: named })
    expect(calls()).toEqual([list(named), list(event), list(named)])
    expect(logged).toEqual([])
  })

  it('else each open pull request whose head is the tested commit, five at most', async () => {
    const sha = newCommit()
    github.pullRequests.push(
      { number: 201, state: 'closed', head: { sha, ref: 'merged' } },
      { number: 202, state: 'open', head: { sha: newCommit(), ref: 'moved-on' }, commits: [sha] },
      ...[203, 204, 205, 206, 207, 208].map((n) => openPullRequest(n, sha))
    )
    await look({}, { sha })
    expect(calls()).toEqual([`GET /commits/${sha}/pulls`, list(203), list(204), list(205), list(206), list(207)])
    expect(logged).toEqual([])
  })

  it('skips what is no pull request number', async () => {
    const sha = newCommit()
    github.pullRequests.push(openPullRequest(211, sha))
    const head = { sha }
    github.fault({
      method: 'GET',
      path: `${REPO}/commits/${sha}/pulls`,
      transform: (body) => [
        { number: 0, state: 'open', head },
        { number: -3, state: 'open', head },
        { number: 2.5, state: 'open', head },
        { number: '212', state: 'open', head },
        { state: 'open', head },
        null,
        { number: 213, state: 'open' },
        ...(body as unknown[])
      ]
    })
    await look({}, { sha })
    expect(calls()).toEqual([`GET /commits/${sha}/pulls`, list(211)])
  })

  it('none found: a debug line says why and names the event; nothing else is sent', async () => {
    const [none, unreadable] = [newCommit(), newCommit()]
    github.fault({ method: 'GET', path: `${REPO}/commits/${unreadable}/pulls`, status: 404, body: { message: 'Not Found' } })
    await look({}, { sha: none, eventName: 'push' })
    await look({}, { sha: null, eventName: null })
    await look({}, { sha: unreadable, eventName: 'workflow_run' })
    expect(calls()).toEqual([`GET /commits/${none}/pulls`, `GET /commits/${unreadable}/pulls`])
    const hint = "Set 'pr-number' to name one."
    expect(logged).toEqual([
      `debug: No pull-request comment: no open pull request has ${none.slice(0, 7)} as its head (event push). ${hint}`,
      `debug: No pull-request comment: the tested commit is not known (event unknown). ${hint}`,
      `debug: No pull-request comment: the pull requests of ${unreadable.slice(0, 7)} could not be read (Not Found) (event workflow_run). ${hint}`
    ])
  })

  it('answers that are not lists read as empty', async () => {
    const [sha, pr] = [newCommit(), newPullRequest()]
    github.fault({ method: 'GET', path: `${REPO}/commits/${sha}/pulls`, transform: () => ({ message: 'not a list' }) })
    github.fault({ method: 'GET', path: `${REPO}/issues/${pr}/comments`, transform: () => ({ message: 'not a list' }) })
    await look({}, { sha })
    await look({ pullRequest: pr })
    expect(calls()).toEqual([`GET /commits/${sha}/pulls`, list(pr)])
    expect(logged).toEqual([
      `debug: No pull-request comment: no open pull request has ${sha.slice(0, 7)} as its head (event push). Set 'pr-number' to name one.`
    ])
  })
})

describe('when it stays silent', () => {
  it('no repository, no token or a cancelled job: nothing sent; a missing token warns when a pull request is named', async () => {
    const pr = newPullRequest()
    const notStarted = { reason: 'Autify rejected the token.', resultsUrl: 'https://app.autify.com/projects/743/results' }
    await reporter({ pullRequest: pr }, { repository: null }).finish(failing(), finishing())
    await reporter({ pullRequest: pr, token: null }).finish(failing(), finishing())
    await reporter({ token: null }).finish(failing(), finishing())
    await reporter({ token: null }, { eventName: 'pull_request', pullRequest: pr }).notStarted(notStarted, finishing())
    await reporter({ pullRequest: pr }).finish(failing(), finishing({ cancelled: true }))
    await reporter({ pullRequest: pr }).notStarted(notStarted, finishing({ cancelled: true }))
    expect(calls()).toEqual([])
    expect(logged).toEqual([
      'debug: No pull-request comment: GITHUB_REPOSITORY is not set.',
      "warning: No pull-request comment: 'github-token' is empty.",
      "debug: No pull-request comment: 'github-token' is empty.",
      "warning: No pull-request comment: 'github-token' is empty."
    ])
  })

  it('on-failure: a run that passes leaves a pull request without the comment alone', async () => {
    const pr = newPullRequest()
    github.addComment(pr, 'Looks good to me', ALICE)
    await look({ pullRequest: pr })
    expect(calls()).toEqual([list(pr)])
    expect(commentsOn(pr)).toHaveLength(1)
  })
})

describe('its own comment', () => {
  it('none yet: one is made, saying nothing of earlier failures in always mode, even if GitHub lists it late', async () => {
    const pr = newPullRequest()
    github.fault({ method: 'GET', path: `${REPO}/issues/${pr}/comments`, transform: () => [], times: 2 })
    const run = passing()
    expect(await reporter({ pullRequest: pr }).finish(run, finishing())).toEqual({})
    expect(commentsOn(pr).map((c) => c.edits)).toEqual([[rendered(run, false)]])
    expect(calls()).toEqual([list(pr), `POST /issues/${pr}/comments`, list(pr)])
    expect(logged).toEqual([`info: Commented on pull request #${pr}.`])
  })

  it('earlier ones: the oldest is edited (on-failure: failures gone), newer ones deleted, one already gone no matter', async () => {
    const pr = newPullRequest()
    const oldest = ownComment(pr, 'failing before')
    const persons = github.addComment(pr, `${MARKER}\ncopied by a person`, ALICE)
    const quoting = github.addComment(pr, `quoting the marker:\n${MARKER}`, ACTIONS_BOT)
    const newer = ownComment(pr, 'failing too')
    const gone = { id: 9_999_999_999, issue_number: pr, body: MARKER, user: ACTIONS_BOT }
    // Listed newest first, and with a comment deleted since: the oldest is still the one kept.
    github.fault({ method: 'GET', path: `${REPO}/issues/${pr}/comments`, transform: (body) => [gone, ...(body as unknown[]).reverse()] })
    const run = passing()
    await reporter({ pullRequest: pr, mode: 'on-failure' }).finish(run, finishing())
    expect(commentsOn(pr)).toEqual([oldest, persons, quoting])
    expect(oldest.edits).toEqual([`${MARKER}\nfailing before`, rendered(run, true)])
    expect(oldest.body).toContain('Nothing fails any more')
    expect([persons, quoting].map((c) => c.edits.length)).toEqual([1, 1])
    expect(calls()).toEqual([
      list(pr),
      `PATCH /issues/comments/${oldest.id}`,
      `DELETE /issues/comments/${newer.id}`,
      `DELETE /issues/comments/${gone.id}`
    ])
    expect(logged).toEqual([`info: Updated the comment on pull request #${pr}.`])
  })

  it('a malformed comment list: what cannot be read is left out, the own comment is still found and edited', async () => {
    const pr = newPullRequest()
    const own = ownComment(pr, 'failing before')
    const junk = [
      null,
      'a string',
      { id: '1', body: MARKER, user: ACTIONS_BOT },
      { id: 2, body: null, user: ACTIONS_BOT },
      { id: 3, body: MARKER, user: 'x' }
    ]
    github.fault({ method: 'GET', path: `${REPO}/issues/${pr}/comments`, transform: (body) => [...junk, ...(body as unknown[])] })
    const run = failing()
    await reporter({ pullRequest: pr }).finish(run, finishing())
    expect(commentsOn(pr)).toEqual([own])
    expect(own.body).toBe(rendered(run, false))
    expect(calls()).toEqual([list(pr), `PATCH /issues/comments/${own.id}`])
    expect(logged).toEqual([`info: Updated the comment on pull request #${pr}.`])
  })

  it('one deleted since it was listed: a new one instead', async () => {
    const pr = newPullRequest()
    const gone = { id: 42, issue_number: pr, body: `${MARKER}\nold`, user: ACTIONS_BOT }
    github.fault({ method: 'GET', path: `${REPO}/issues/${pr}/comments`, transform: (body) => [gone, ...(body as unknown[])] })
    const run = failing()
    await reporter({ pullRequest: pr }).finish(run, finishing())
    expect(commentsOn(pr).map((c) => c.body)).toEqual([rendered(run, false)])
    expect(calls()).toEqual([list(pr), 'PATCH /issues/comments/42', `POST /issues/${pr}/comments`, list(pr)])
    expect(logged).toEqual([`info: Commented on pull request #${pr}.`])
  })

  it('a run that did not start comments in on-failure mode too; a concurrent job’s older comment is kept, the new one goes', async () => {
    const pr = newPullRequest()
    const concurrent = ownComment(pr, 'from a concurrent job')
    github.fault({ method: 'GET', path: `${REPO}/issues/${pr}/comments`, transform: () => [] })
    const reason = 'Autify rejected the token.'
    const result = await reporter({ pullRequest: pr, mode: 'on-failure' }).notStarted(
      { reason, resultsUrl: 'https://app.autify.com/projects/743/results' },
      finishing()
    )
    expect(result).toEqual({})
    expect(commentsOn(pr)).toEqual([concurrent])
    expect(concurrent.body).toBe(renderNotStartedComment(reason, { checkName: 'Autify', runUrl: RUN_URL, sha: SHA }))
    expect(calls()).toEqual([
      list(pr),
      `POST /issues/${pr}/comments`,
      list(pr),
      `PATCH /issues/comments/${concurrent.id}`,
      expect.stringMatching(/^DELETE \/issues\/comments\/\d+$/)
    ])
    expect(calls().at(-1)).not.toBe(`DELETE /issues/comments/${concurrent.id}`)
    expect(logged).toEqual([`info: Commented on pull request #${pr}.`])
  })

  it('a new comment answered without its ID: looked for, found, not sent twice', async () => {
    const pr = newPullRequest()
    github.fault({ method: 'POST', path: `${REPO}/issues/${pr}/comments`, transform: (body) => ({ ...(body as object), id: undefined }) })
    await reporter({ pullRequest: pr }).finish(failing(), finishing())
    expect(commentsOn(pr)).toHaveLength(1)
    expect(calls()).toEqual([list(pr), `POST /issues/${pr}/comments`, list(pr), list(pr)])
    expect(logged).toEqual([
      'debug: Creating the pull-request comment failed (ambiguous: GitHub answered the new comment without its ID).',
      'debug: the pull-request comment had been created after all: using it.',
      `info: Commented on pull request #${pr}.`
    ])
  })

  it('a new comment answered 502 after GitHub made it: not sent again by Octokit, found and kept', async () => {
    const pr = newPullRequest()
    github.fault({ method: 'POST', path: `${REPO}/issues/${pr}/comments`, status: 502, afterHandling: true })
    await reporter({ pullRequest: pr }).finish(failing(), finishing())
    expect(commentsOn(pr)).toHaveLength(1)
    expect(calls().filter((call) => call.startsWith('POST'))).toEqual([`POST /issues/${pr}/comments`])
    expect(logged.at(-1)).toBe(`info: Commented on pull request #${pr}.`)
  })

  it('is searched for in pages of 100, ten at most', async () => {
    const pr = newPullRequest()
    for (let i = 0; i < 949; i++) github.addComment(pr, `comment ${i}`, ALICE)
    const onPageTen = ownComment(pr, 'failing before')
    for (let i = 0; i < 50; i++) github.addComment(pr, `later ${i}`, ALICE)
    const onPageEleven = ownComment(pr, 'never seen')
    await reporter({ pullRequest: pr, mode: 'on-failure' }).finish(passing(), finishing({ signal: AbortSignal.timeout(5000) }))
    expect(calls()).toEqual([...Array.from({ length: 10 }, (_, i) => list(pr, i + 1)), `PATCH /issues/comments/${onPageTen.id}`])
    expect(onPageTen.body).toContain('Nothing fails any more')
    expect(onPageEleven.edits).toHaveLength(1)
  })

  it('is the token’s own: with a personal access token, the person’s, not the Actions bot’s', async () => {
    const pr = newPullRequest()
    const personalToken = 'ghp_alice-personal-token'
    const bots = ownComment(pr, 'by GITHUB_TOKEN')
    const alices = github.addComment(pr, `${MARKER}\nby alice`, ALICE)
    github.token = personalToken
    github.actor = ALICE
    try {
      await reporter({ pullRequest: pr, token: personalToken }).finish(failing(), finishing())
    } finally {
      github.token = TOKEN
      github.actor = ACTIONS_BOT
    }
    expect(calls()).toEqual(['GET /user', list(pr), `PATCH /issues/comments/${alices.id}`])
    expect([bots.edits.length, alices.edits.length]).toEqual([1, 2])
  })
})

describe('out of time', () => {
  /** Runs `finish` until GitHub holds an unanswered `method` request to `path`, then ends the time for reporting. */
  const outOfTimeDuring = async (method: string, path: RegExp, finish: (context: FinishContext) => Promise<unknown>) => {
    const time = new AbortController()
    const finished = finish(finishing({ signal: time.signal }))
    const sent = () => github.requests.slice(seen).find((r) => r.method === method && path.test(r.path))
    for (const started = Date.now(); !sent() && Date.now() - started < 5000;) await new Promise((resolve) => setTimeout(resolve, 20))
    time.abort(new Error('out of time'))
    await finished
    // Given up: GitHub sees the connection closed.
    for (const started = Date.now(); !sent()?.abandoned && Date.now() - started < 2000;)
      await new Promise((resolve) => setTimeout(resolve, 20))
    return sent()?.abandoned ?? false
  }

  it('gives up each request GitHub leaves unanswered, not only the wait for it', async () => {
    github.fault({ method: 'GET', path: /\/commits\/[0-9a-f]+\/pulls$/, hang: true })
    const given = [await outOfTimeDuring('GET', /\/pulls$/, (c) => reporter({}, { sha: newCommit() }).finish(failing(), c))]

    const listed = newPullRequest()
    github.fault({ method: 'GET', path: `${REPO}/issues/${listed}/comments`, hang: true })
    given.push(await outOfTimeDuring('GET', /\/comments$/, (c) => reporter({ pullRequest: listed }).finish(failing(), c)))

    const edited = newPullRequest()
    ownComment(edited, 'failing before')
    github.fault({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, hang: true })
    given.push(await outOfTimeDuring('PATCH', /\/comments\/\d+$/, (c) => reporter({ pullRequest: edited }).finish(failing(), c)))

    const tidied = newPullRequest()
    ownComment(tidied, 'first')
    ownComment(tidied, 'second')
    github.fault({ method: 'DELETE', path: /\/issues\/comments\/\d+$/, hang: true })
    given.push(await outOfTimeDuring('DELETE', /\/comments\/\d+$/, (c) => reporter({ pullRequest: tidied }).finish(failing(), c)))
    expect(given).toEqual([true, true, true, true])
  })
})

describe('failing to comment', () => {
  it('a pull request GitHub does not show: a 404 warning, and the other pull requests still get theirs', async () => {
    const sha = newCommit()
    github.pullRequests.push(openPullRequest(221, sha), openPullRequest(222, sha))
    github.fault({ method: 'GET', path: `${REPO}/issues/221/comments`, status: 404, body: { message: 'Not Found' } })
    expect(await look({}, { sha })).toEqual({})
    expect(calls()).toEqual([`GET /commits/${sha}/pulls`, list(221), list(222)])
    expect(logged).toEqual([
      "warning: Could not comment on pull request #221 (HTTP 404): octo-org/shop has no such pull request, or the token cannot see it. The step's outcome does not change."
    ])
  })

  it('an edit refused: a 403 warning, and no new comment instead', async () => {
    const pr = newPullRequest()
    const existing = ownComment(pr, 'earlier')
    github.fault({
      method: 'PATCH',
      path: `${REPO}/issues/comments/${existing.id}`,
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    await reporter({ pullRequest: pr }).finish(failing(), finishing())
    expect(calls()).toEqual([list(pr), `PATCH /issues/comments/${existing.id}`])
    expect(logged).toEqual([
      `warning: Could not comment on pull request #${pr} (HTTP 403): the token may not write comments. It needs 'pull-requests: write' (pull requests from forks get a read-only token). The step's outcome does not change.`
    ])
  })

  it('a delete refused otherwise: a warning with GitHub’s message', async () => {
    const pr = newPullRequest()
    const [oldest, newer] = [ownComment(pr, 'one'), ownComment(pr, 'two')]
    github.fault({ method: 'DELETE', path: `${REPO}/issues/comments/${newer.id}`, status: 422, body: { message: 'Validation Failed' } })
    await reporter({ pullRequest: pr }).finish(failing(), finishing())
    expect(commentsOn(pr)).toEqual([oldest, newer])
    expect(logged).toEqual([`warning: Could not comment on pull request #${pr}: Validation Failed`])
  })
})
