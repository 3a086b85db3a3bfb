import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { type RecordedExchange, ReplaySimulator } from '../../simulator/autify/replay.js'
import { type ActionRun, runAction } from '../../simulator/run-action.js'
import { VirtualClock } from '../../simulator/virtual-clock.js'
import { runActionInProcess } from '../helpers/in-process-runner.js'

function recording(name: string): RecordedExchange[] {
  return (
    JSON.parse(readFileSync(new URL(`../../__fixtures__/recordings/${name}`, import.meta.url), 'utf8')) as { exchanges: RecordedExchange[] }
  ).exchanges
}

let replay: ReplaySimulator | null = null
afterEach(async () => {
  await replay?.close()
  replay = null
})

const inputsFor = (sim: ReplaySimulator, inputs: Record<string, string>) => ({
  'access-token': 'recorded-token',
  'autify-api-url': sim.apiUrl,
  interval: '0.05',
  annotations: 'workflow-commands',
  ...inputs
})

/** In-process on a virtual clock: the replay answers the same whatever the time. */
function runAgainst(sim: ReplaySimulator, inputs: Record<string, string>): Promise<ActionRun> {
  return runActionInProcess({ inputs: inputsFor(sim, inputs) }, new VirtualClock())
}

describe('as the runner starts it', () => {
  it('scenario 91437 --wait: waiting, running, passed', async () => {
    replay = await new ReplaySimulator(recording('web-test-run-743-scenarios-91437-wait.json')).start()
    const run = await runAction({ inputs: inputsFor(replay, { 'autify-test-url': 'https://app.autify.com/projects/743/scenarios/91437' }) })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ 'result-id': '1920729', status: 'passed', total: '1', passed: '1' })
    const post = replay.requests.find((r) => r.method === 'POST')!
    expect(post.path).toBe('/api/v1/projects/743/execute_scenarios')
    expect(post.body).toMatchObject({ scenarios: [{ id: 91437 }] })
    // The recording has no scenario lookup: the name falls back to the ID.
    expect(JSON.parse(run.outputs['test-case-results'])[0]).toMatchObject({
      scenario_name: 'Scenario #91437',
      capability: 'Linux · Chrome 111.0',
      duration_ms: 5847,
      url: 'https://app.autify.com/projects/743/results/1920729/capabilities/2267357/scenarios/6915079'
    })
    expect(run.stdout).toContain('Result 1920729 is waiting')
    expect(run.stdout).toContain('Result 1920729 is running')
    expect(run.summary).toContain('**Duration:** 11.0s')
  })
})

describe('recorded Autify exchanges, replayed', () => {
  it('test plan 169408 --wait: data.id as a string, queuing without capability results, then passed', async () => {
    replay = await new ReplaySimulator(recording('web-test-run-743-test-plans-169408-wait.json')).start()
    const run = await runAgainst(replay, { 'autify-test-url': 'https://app.autify.com/projects/743/test_plans/169408' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ 'result-id': '1920728', status: 'passed', total: '1' })
    expect(replay.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/schedules/169408', body: {} })
    expect(run.stdout).toContain('Result 1920728 is queuing')
    expect(run.summary).toContain('**Test plan:** cli test')
  })

  it('scenario with -r: the URL replacement travels in the execute_scenarios body as recorded', async () => {
    const exchanges = recording('web-test-run-743-scenarios-91437-r-https-example-com-https-example-net-foo-bar.json')
    replay = await new ReplaySimulator(exchanges).start()
    const run = await runAgainst(replay, {
      'autify-test-url': 'https://app.autify.com/projects/743/scenarios/91437',
      'url-replacements': 'https://example.com=https://example.net?foo=bar',
      wait: 'false'
    })
    expect(run.exitCode).toBe(0)
    const recorded = exchanges.find((e) => e.method === 'POST')!.request_body as { url_replacements: unknown }
    const sent = replay.requests.find((r) => r.method === 'POST')!.body as { url_replacements: unknown }
    expect(sent.url_replacements).toEqual(recorded.url_replacements)
    expect(run.outputs).toMatchObject({ 'result-id': '1920732', status: 'started' })
  })
})
