import { describe, expect, it } from '@jest/globals'
import { JOB_SUMMARY_MAX_BYTES, headline, renderJobSummary, renderTables, renderTablesWithin } from '../src/report/summary.js'
import { capabilityInfo } from '../src/autify/test-cases.js'
import { bigReport, report, testCase } from '../simulator/sample-reports.js'

describe('job summary', () => {
  it('leads with the verdict, the link, the duration and the counts', () => {
    const text = renderJobSummary(report([testCase(), testCase({ status: 'failed' })], { testPlan: { id: 169408, name: 'Smoke' } }))
    expect(text).toMatch(/^## ❌ Autify: 1 of 2 test cases failed\n/)
    expect(text).toContain(
      '**Test plan:** Smoke · **Result:** [\\#\u20601920728](https://app.autify.com/projects/743/results/1920728) · **Duration:** 19.4s · **Started:** 2023-04-06 06:28:43 UTC'
    )
    expect(text).toContain('| ✅ Passed | ❌ Failed | ⏭️ Skipped | Total |\n|---:|---:|---:|---:|\n| 1 | 1 | 0 | 2 |')
  })

  it('lists failures first within a capability, and capabilities with failures first', () => {
    const windows = capabilityInfo({ os: 'Windows', os_version: '11', browser: 'Edge' })
    const text = renderTables(
      report([
        testCase({ scenarioName: 'A passes' }),
        testCase({ scenarioName: 'B fails', status: 'failed', capability: windows }),
        testCase({ scenarioName: 'C errors', status: 'internal_error' }),
        testCase({ scenarioName: 'D skipped', status: 'skipped' })
      ])
    )
    // Windows holds a plain failure, worse than Linux's internal error: its table comes first.
    const order = ['### ❌ Windows 11 · Edge', 'B fails', '### ❌ Linux · Chrome', 'C errors', 'D skipped', 'A passes']
    const positions = order.map((s) => text.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('escapes Markdown in names so a scenario cannot break the table or inject HTML', () => {
    const text = renderTables(report([testCase({ scenarioName: 'a | b <script>alert(1)</script> [x](y)\nz' })]))
    expect(text).toContain('a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](y) z')
  })

  it('folds passed rows of a big capability away', () => {
    const cases = [testCase({ status: 'failed' }), ...Array.from({ length: 12 }, () => testCase())]
    const text = renderTables(report(cases))
    expect(text).toContain('<details><summary>✅ 12 passed test cases</summary>')
  })

  it('lists the failures and warnings in full and only names the folded passes with list-tests: failures', () => {
    const passes = Array.from({ length: 12 }, (_, i) => testCase({ scenarioName: `Pass ${i}` }))
    const cases = [testCase({ status: 'failed', scenarioName: 'Pay' }), testCase({ status: 'skipped', scenarioName: 'Skip' }), ...passes]
    const text = renderJobSummary(report(cases), { listTests: 'failures' })
    expect(text).toMatch(/^\| ❌ Failed \| \[Pay\]\(/m)
    expect(text).toMatch(/^\| ⏭️ Skipped \| \[Skip\]\(/m)
    expect(text).toContain('<details><summary>✅ 12 passed test cases</summary>\n\nPass 0 · Pass 1 · ')
    expect(text).not.toMatch(/^\| ✅ Passed \| \[/m)
    // A few passes are not worth folding: they keep their rows.
    expect(renderJobSummary(report([cases[0], ...passes.slice(0, 3)]), { listTests: 'failures' })).toMatch(/^\| ✅ Passed \| \[Pass 0\]/m)
  })

  it('lists no test case with list-tests: none, only the counts', () => {
    const text = renderJobSummary(report([testCase({ status: 'failed', scenarioName: 'Pay' }), testCase()]), { listTests: 'none' })
    expect(text).toContain('| 1 | 1 | 0 | 2 |')
    expect(text).not.toContain('Pay')
  })

  it('keeps a 500-case run with 3 failures under 20 KB by default, the passes folded', () => {
    const cases = Array.from({ length: 500 }, (_, i) => testCase({ scenarioName: `Journey ${i + 1}`, status: i < 3 ? 'failed' : 'passed' }))
    const text = renderJobSummary(report(cases), { listTests: 'failures' })
    expect(Buffer.byteLength(text)).toBeLessThan(20_000)
    expect(text).toContain('<details><summary>✅ 497 passed test cases</summary>')
    expect(Buffer.byteLength(renderJobSummary(report(cases), { listTests: 'all' }))).toBeGreaterThan(20_000)
  })

  it('stays under GitHub’s 1 MiB limit and readable for 10,000 results, with a note and the link', () => {
    const big = bigReport(10_000)
    const text = renderJobSummary(big)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES)
    expect(text).toContain('## ❌ Autify: 200 of 10000 test cases failed')
    expect(text).toMatch(
      /more test case results? not listed here: see \[the full result in Autify\]\(https:\/\/app\.autify\.com\/projects\/743\/results\/1920728\)/
    )
    // Every failure is still listed.
    expect(text.match(/^\| ❌ Failed \| \[/gm)).toHaveLength(200)
  })

  it('renders the largest table that fits a small budget, at the boundary', () => {
    const big = bigReport(500)
    const within = renderTablesWithin(big, 10_000)
    expect(Buffer.byteLength(within)).toBeLessThanOrEqual(10_000)
    expect(Buffer.byteLength(renderTablesWithin(big, 10_000 + 400))).toBeGreaterThan(Buffer.byteLength(within))
  })

  it('has a headline for every outcome', () => {
    const r = report([testCase({ status: 'running' })])
    expect(headline({ ...r, outcome: 'timed-out', counts: { ...r.counts, unfinished: 1 } })).toBe(
      '⏱️ Autify: timed out · 1 of 1 test case unfinished'
    )
    expect(headline({ ...r, outcome: 'cancelled' })).toBe('🚫 Autify: cancelled while waiting')
    expect(headline({ ...r, outcome: 'error' })).toBe('⚠️ Autify: stopped on an error')
    expect(headline({ ...r, outcome: 'started' })).toBe('🚀 Autify: run started (not waited for)')
    expect(headline({ ...r, outcome: 'failed', status: 'canceled', counts: { ...r.counts, failed: 0 } })).toBe(
      '❌ Autify: canceled · 1 test case'
    )
  })
})

describe('history and credits in the summary', () => {
  const since = { resultId: 1919000, url: 'https://app.autify.com/projects/743/results/1919000' }
  const fresh = testCase({ status: 'failed', scenarioName: 'New', history: { kind: 'new', runs: 5, failures: 0, streak: 0, since: null } })
  const known = testCase({
    status: 'failed',
    scenarioName: 'Old',
    history: { kind: 'still-failing', runs: 5, failures: 3, streak: 3, since }
  })

  it('says how many failures are new, marks each row, and links where a known failure began', () => {
    const summary = renderJobSummary(report([fresh, known], { history: { runs: 5 } }))
    expect(summary).toContain(
      "**History:** 1 new failure, 1 known, compared with the plan's latest runs in Autify (no run on the base branch found): the last 5 earlier runs"
    )
    expect(summary).toContain('<br><sub>🆕 new failure: passed in each of the last 5 runs</sub>')
    expect(summary).toContain(`<br><sub>📌 still failing: failed in each of the last 3 runs, since [\\#\u20601919000](${since.url})</sub>`)
  })

  it('says nothing of history when it was not read', () => {
    expect(renderJobSummary(report([{ ...fresh, history: undefined }]))).not.toContain('History')
  })

  it('shows credits with the retries and the saving, and nothing on a run-based contract', () => {
    const credits = { total: 14, perAttempt: [12, 2], rerunEverything: 24 }
    expect(renderJobSummary(report([fresh], { credits }))).toContain(
      '**Credits:** 14 (retry: 2) · re-running everything would have cost 24'
    )
    expect(renderJobSummary(report([fresh], { credits: null }))).not.toContain('Credits')
  })
})
