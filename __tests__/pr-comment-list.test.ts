import { describe, expect, it } from '@jest/globals'
import { prCommentMarker, renderNotStartedComment, renderPrComment } from '../src/report/pr-comment.js'
import { renderTables } from '../src/report/summary.js'
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

describe('the comment within its size', () => {
  const context = { checkName: 'Autify', runUrl: null, sha: null }
  const failures = report(['Pay', 'Sign in', 'Search'].map((scenarioName) => testCase({ status: 'failed', scenarioName })))
  const rowsOf = (body: string) => body.split('\n').filter((line) => line.startsWith('| ❌'))

  it('uses all the room it has: whole rows, then the line counting the rest', () => {
    const full = renderPrComment(failures, context)
    expect(rowsOf(full)).toHaveLength(3)
    expect(full).not.toContain('more failure')
    expect(renderPrComment(failures, context, byteLength(full))).toBe(full)
    const two = renderPrComment(failures, context, byteLength(full) - 1)
    expect(rowsOf(two)).toEqual(rowsOf(full).slice(0, 2))
    expect(two).toContain(`${rowsOf(full)[1]}\n\n_… 1 more failure in the job summary._\n\n<sub>`)
    expect(renderPrComment(failures, context, byteLength(two))).toBe(two)
    const one = renderPrComment(failures, context, byteLength(two) - 1)
    expect(rowsOf(one)).toEqual(rowsOf(full).slice(0, 1))
    expect(one).toContain('_… 2 more failures in the job summary._')
    const none = renderPrComment(failures, context, byteLength(one) - 1)
    expect(none).not.toContain('| Status |')
    expect(none).toContain('\n\n_… 3 more failures in the job summary._\n\n<sub>')
    expect(byteLength(none)).toBeLessThanOrEqual(byteLength(one) - 1)
    expect(rowsOf(full).at(-1)).toBe(full.split('\n').at(-3))
    const cut = renderPrComment(failures, context, byteLength(none) - 1)
    expect(cut).toBe(`${none.slice(0, -4)}…`)
    expect(cut).toContain('_… 3 more failures in the job summary._')
  })

  it('lists failures before internal errors, and links each to its result or, without one, to its scenario', () => {
    const body = renderPrComment(
      report([
        testCase({
          status: 'internal_error',
          scenarioName: 'A broke',
          url: null,
          scenarioUrl: 'https://app.autify.com/projects/743/scenarios/9'
        }),
        testCase({ status: 'failed', scenarioName: 'B failed', url: 'https://app.autify.com/projects/743/results/1/b' })
      ]),
      context
    )
    expect(body.split('\n').filter((line) => /^\| .+ \| \[/.test(line))).toEqual([
      expect.stringMatching(/^\| ❌ Failed \| \[B failed\]\(https:\/\/app\.autify\.com\/projects\/743\/results\/1\/b\) \|/),
      expect.stringMatching(/\| \[A broke\]\(https:\/\/app\.autify\.com\/projects\/743\/scenarios\/9\) \|/)
    ])
  })

  it('lists at most 20 failures, the most important first, and counts the rest', () => {
    const many = report(
      Array.from({ length: 23 }, (_, i) => testCase({ status: 'failed', scenarioName: `F${String(i).padStart(2, '0')}` }))
    )
    const body = renderPrComment(many, context)
    expect(rowsOf(body)).toHaveLength(20)
    expect(body).toContain('_… 3 more failures in the job summary._')
  })

  it('is cut whole to the size when even the overview does not fit', () => {
    const tiny = renderPrComment(failures, context, 60)
    expect(byteLength(tiny)).toBeLessThanOrEqual(60)
    expect(tiny.startsWith(prCommentMarker('Autify').slice(0, 40))).toBe(true)
    expect(tiny.endsWith('…')).toBe(true)
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
    expect(resolved).toContain('\nNothing fails any more: this comment reported failures on an earlier run.\n<sub>')
    expect(renderPrComment(pass, { checkName: 'Autify', runUrl: null, sha: null })).not.toContain('Nothing fails')
  })

  it('lists no table for a run without failures, and every test case only when there are any', () => {
    expect(renderPrComment(pass, { checkName: 'Autify', runUrl: null, sha: null })).not.toContain('| Status | Scenario |')
    expect(renderPrComment(report([]), { checkName: 'Autify', runUrl: null, sha: null, listTests: 'all' })).not.toContain('<details>')
    const failing = renderPrComment(run, { checkName: 'Autify', runUrl: null, sha: null })
    expect(failing).toContain('| Status | Scenario | Capability | History |\n|---|---|---|---|\n| ❌ Failed | [Pay](')
  })

  it('with list-tests: all, folds every test case in when its first row fits, keeping the failures either way', () => {
    const context = { checkName: 'Autify', runUrl: null, sha: null }
    const wide = report([
      testCase({ status: 'failed', scenarioName: 'Pay' }),
      testCase({ scenarioName: `Sign in ${'x'.repeat(250)}` }),
      testCase({ scenarioName: `Search ${'y'.repeat(250)}` })
    ])
    const failuresOnly = renderPrComment(wide, { ...context, listTests: 'failures' })
    const fold = `<details><summary>Every test case (3)</summary>\n\n${renderTables(wide, 1)}</details>\n`
    expect(fold).toContain('_2 more test case results not listed here')
    const footer = failuresOnly.split('\n').at(-1) ?? ''
    const fits = byteLength(failuresOnly) + 1 + byteLength(fold)
    expect(renderPrComment(wide, { ...context, listTests: 'all' }, fits)).toBe(failuresOnly.replace(footer, `${fold}\n${footer}`))
    expect(renderPrComment(wide, { ...context, listTests: 'all' }, fits - 1)).toBe(failuresOnly)
    const full = renderPrComment(wide, { ...context, listTests: 'all' })
    expect(full).toContain(`<details><summary>Every test case (3)</summary>\n\n${renderTables(wide)}</details>\n\n${footer}`)
  })

  it('keeps every test case within 32 KiB of the comment', () => {
    const many = report(Array.from({ length: 400 }, (_, i) => testCase({ scenarioName: `Case ${i} ${'x'.repeat(100)}` })))
    const body = renderPrComment(many, { checkName: 'Autify', runUrl: null, sha: null, listTests: 'all' })
    const fold = body.slice(body.indexOf('<details><summary>Every test case (400)</summary>'), body.lastIndexOf('</details>\n') + 11)
    expect(byteLength(fold)).toBeLessThanOrEqual(32 * 1024)
    expect(byteLength(fold)).toBeGreaterThan(31 * 1024)
  })

  it('when the run did not start: the reason, escaped, and the footer', () => {
    const body = renderNotStartedComment('Token <rejected> @someone', { checkName: 'Autify', runUrl: null, sha: 'abcdef0123' })
    const lines = body.split('\n')
    expect(lines.slice(0, 3)).toEqual([prCommentMarker('Autify'), '### ⚠️ Autify: the run did not start', ''])
    expect(lines[3]).not.toContain('<rejected>')
    expect(lines[3]).not.toMatch(/(^|\s)@someone/)
    expect(lines.slice(4)).toEqual([
      '',
      '<sub>Job summary in the workflow run · commit `abcdef0` · this comment is updated on every run.</sub>'
    ])
    expect(
      byteLength(renderNotStartedComment('x'.repeat(1000), { checkName: 'Autify', runUrl: null, sha: null }, undefined, 200))
    ).toBeLessThanOrEqual(200)
  })
})
