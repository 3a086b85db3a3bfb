/**
 * Hostile servers, when they say it: an Autify, GitHub or Testify API that never answers, and an
 * answer of 100 MB. The step must end within `timeout` + 15 s with its reports written.
 *
 * Each test runs against servers of its own. The two that wait out the whole reporting budget
 * (15 s of a mostly idle process) run at once; the others, which need the CPU more (the 100 MB
 * answer), run alone, so that the time limits measured are the action's, not the machine's.
 *
 * @waits-real-time: its runs take real time (processes, the action's own time limits).
 */
import { describe, expect, it } from '@jest/globals'
import { testifyInputs } from '../helpers/harness.js'
import { RESULT_PATH, onOwnServers, scenarioRun } from '../helpers/hostile.js'

describe('a server that never answers, or answers without end', () => {
  const TIMEOUT_S = 3
  const LIMIT_MS = (TIMEOUT_S + 15) * 1000

  it(
    'Autify silent on every read: the step ends within timeout + 15 s with the summary and the check run',
    onOwnServers(async (w) => {
      w.h.autify.fault({ method: 'GET', path: /./, hang: true, times: 1000 })
      const result = await w.run({ ...scenarioRun, timeout: String(TIMEOUT_S) })
      w.expectContained(result)
      expect(result.durationMs).toBeLessThan(LIMIT_MS)
      expect(result.outputs['exit-code']).toBe('1')
      expect(result.stdout).toContain("Timed out after 3.0s ('timeout' input) before the run finished")
      expect(result.summary).toContain('No test case results yet')
      expect(w.checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'timed_out' })
    })
  )

  it(
    'Autify silent on scenario names: they fall back to `Scenario #ID` in time',
    onOwnServers(async (w) => {
      w.h.autify.fault({ method: 'GET', path: /\/scenarios/, hang: true, times: 1000 })
      const result = await w.run({ ...scenarioRun, timeout: String(TIMEOUT_S) })
      w.expectContained(result)
      expect(result.durationMs).toBeLessThan(LIMIT_MS)
      expect(result.outputs.status).toBe('failed')
      expect(result.summary).toContain('Scenario \\#\u20601')
      expect(w.checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
    })
  )

  it.concurrent(
    'GitHub and Testify silent: the step ends within timeout + 15 s and still writes the summary',
    onOwnServers(async (w) => {
      w.h.github.fault({ path: /./, hang: true, times: 1000 })
      w.testify.fault({ path: /./, hang: true, times: 1000 })
      const result = await w.run({ ...scenarioRun, timeout: String(TIMEOUT_S), ...testifyInputs(w.testify) })
      w.expectContained(result)
      expect(result.durationMs).toBeLessThan(LIMIT_MS)
      expect(result.summary).toContain('## ❌ Autify: 2 of 3 test cases failed')
      expect(result.summary).toContain('Testify did not answer in time')
      expect(result.stdout).toMatch(/Reporting to GitHub failed|Could not complete the check run/)
    })
  )

  it.concurrent(
    'every server silent, the start included: the step ends within timeout + 15 s, saying a run may have started',
    onOwnServers(async (w) => {
      w.h.autify.fault({ path: /./, hang: true, times: 1000 })
      w.h.github.fault({ path: /./, hang: true, times: 1000 })
      w.testify.fault({ path: /./, hang: true, times: 1000 })
      const result = await w.run({ ...scenarioRun, timeout: String(TIMEOUT_S), ...testifyInputs(w.testify) })
      w.expectContained(result)
      expect(result.durationMs).toBeLessThan(LIMIT_MS)
      expect(result.exitCode).toBe(1)
      expect(result.summary).toContain('## ⚠️ Autify: the run did not start')
      expect(result.stdout).toContain('a run may have started anyway')
    })
  )

  it(
    'a 100 MB answer: a clear error, memory stays bounded, the check run completed',
    onOwnServers(async (w) => {
      w.h.autify.fault({ method: 'GET', path: RESULT_PATH, floodBytes: 100 * 1024 * 1024, times: 1000 })
      const result = await w.run(scenarioRun)
      w.expectContained(result)
      expect(result.stdout).toMatch(/with an answer larger than 32 MiB, more than the action reads/)
      expect(result.peakMemoryMiB ?? 0).toBeLessThan(300)
      expect(w.checkRunOf(result)).toMatchObject({ status: 'completed', conclusion: 'failure' })
    })
  )
})
