import { describe, expect, it } from '@jest/globals'
import { prCommentMarker, renderNotStartedComment, renderPrComment } from '../src/report/pr-comment.js'
import { byteLength } from '../src/util/format.js'
import { report, testCase } from '../simulator/sample-reports.js'

const run = report([testCase({ status: 'failed', scenarioName: 'Pay' }), testCase({ scenarioName: 'Sign in' })])
const comment = (listTests: 'all' | 'failures' | 'none') =>
  renderPrComment(run, { checkName: 'Autify', runUrl: null, sha: null, listTests })

describe('the pull-request comment follows list-tests', () => {
  it('failures: the failures, not the passes', () => {
    expect(comment('failures')).toMatch(/^\| ❌ Failed \| \[Pay\]\(/m)
    expect(comment('failures')).not.toContain('Sign in')
  })

  it('all: also every test case, folded', () => {
    expect(comment('all')).toContain('<details><summary>Every test case (2)</summary>')
    expect(comment('all')).toMatch(/^\| ✅ Passed \| \[Sign in\]\(/m)
  })

  it('none: the counts only', () => {
    expect(comment('none')).not.toContain('Pay')
    expect(comment('none')).toContain('| 1 | 1 | 0 | 2 |')
  })
})

describe('the comment’s frame', () => {
  const pass = report([testCase()])

  it('opens with the marker of its check and ends with links to the job summary, the commit and a named check', () => {
    const body = renderPrComment(pass, {
      checkName: 'Autify e2e',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      sha: '0123456789abcdef'
    })
    expect(body.split('\n')[0]).toBe(prCommentMarker('Autify e2e'))
    expect(prCommentMarker('Autify e2e')).toBe('<!-- autify-web-test-action check=Autify%20e2e -->')
    expect(body.split('\n').at(-1)).toBe(
      '<sub>[Job summary](https://github.com/o/r/actions/runs/1) · commit `0123456` · check `Autify e2e` · this comment is updated on every run.</sub>'
    )
    expect(renderPrComment(pass, { checkName: 'Autify', runUrl: null, sha: null }).split('\n').at(-1)).toBe(
      '<sub>Job summary in the workflow run · this comment is updated on every run.</sub>'
    )
  })

  it('says so when failures reported earlier are gone', () => {
    const resolved = renderPrComment(pass, { checkName: 'Autify', runUrl: null, sha: null, resolved: true })
    expect(resolved).toContain('\nNothing fails any more: this comment reported failures on an earlier run.\n')
    expect(renderPrComment(pass, { checkName: 'Autify', runUrl: null, sha: null })).not.toContain('Nothing fails')
  })

  it('lists no table for a run without failures, and every test case only when there are any', () => {
    expect(renderPrComment(pass, { checkName: 'Autify', runUrl: null, sha: null })).not.toContain('| Status | Scenario |')
    expect(renderPrComment(report([]), { checkName: 'Autify', runUrl: null, sha: null, listTests: 'all' })).not.toContain('<details>')
    const failing = renderPrComment(run, { checkName: 'Autify', runUrl: null, sha: null })
    expect(failing).toContain('| Status | Scenario | Capability | History |\n|---|---|---|---|\n| ❌ Failed | [Pay](')
  })

  it('with list-tests: all, leaves the folded tables out when they cannot fit, keeping the failures', () => {
    const full = renderPrComment(run, { checkName: 'Autify', runUrl: null, sha: null, listTests: 'all' })
    const noTables = renderPrComment(run, { checkName: 'Autify', runUrl: null, sha: null, listTests: 'failures' })
    const tight = renderPrComment(run, { checkName: 'Autify', runUrl: null, sha: null, listTests: 'all' }, byteLength(noTables) + 250)
    expect(full).toContain('<details>')
    expect(tight).not.toContain('<details>')
    expect(tight).toContain('| ❌ Failed | [Pay](')
  })

  it('when the run did not start: the reason, escaped, and the footer', () => {
    const body = renderNotStartedComment('Token <rejected> @someone', { checkName: 'Autify', runUrl: null, sha: 'abcdef0123' })
    const lines = body.split('\n')
    expect(lines.slice(0, 3)).toEqual([prCommentMarker('Autify'), '### ⚠️ Autify: the run did not start', ''])
    expect(lines[3]).not.toContain('<rejected>')
    expect(lines[3]).not.toMatch(/(^|\s)@someone/)
    expect(lines.at(-1)).toBe('<sub>Job summary in the workflow run · commit `abcdef0` · this comment is updated on every run.</sub>')
    expect(
      byteLength(renderNotStartedComment('x'.repeat(1000), { checkName: 'Autify', runUrl: null, sha: null }, 200))
    ).toBeLessThanOrEqual(200)
  })
})
