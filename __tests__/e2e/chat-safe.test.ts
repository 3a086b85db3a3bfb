/**
 * The `summary` output is forwarded to chats (the README pipes it into a webhook), and scenario
 * names come from anyone who can edit scenarios: no name may mention anyone or hide a link there.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { fastWorld } from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const PLAN_ID = 171000
/** Each form Slack, Discord, Teams or GitHub turns into a mention, a channel link or a link with a label. */
const MENTIONS = [
  '<!here>',
  '<!channel>',
  '<!everyone>',
  '<!subteam^S012AB3CD|qa-team>',
  '<@U024BE7LH>',
  '<#C024BE7LH|general>',
  '<https://evil.example/login|Autify result>',
  '@everyone',
  '@here',
  '@octocat',
  '@acme/reviewers',
  '#123'
]
const IDS = MENTIONS.map((_, i) => 40_000 + i)

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(
    fastWorld({
      scenarios: Object.fromEntries(IDS.map((id, i) => [id, { name: `Checkout ${MENTIONS[i]} now`, outcomes: ['failed'] }])),
      testPlans: { [PLAN_ID]: { name: 'Release <!channel> @here', scenarioIds: IDS, capabilities: [{ os: 'Linux', browser: 'Chrome' }] } },
      parallelism: IDS.length
    })
  )
})
afterAll(() => h.close())

describe('the summary output, forwarded to a chat', () => {
  it('carries no live Slack, Discord or GitHub mention and no Slack link label; the verdict, counts and links read as before', async () => {
    const run = await h.run({ 'project-id': '743', 'test-plan-id': String(PLAN_ID), annotations: 'none' })
    expect(run.exitCode).toBe(1)
    const summary = run.outputs.summary
    const resultUrl = run.outputs['result-url']

    // Slack reads `<…>` as a control sequence: a mention, a channel, a user group or a labelled link.
    expect(summary).not.toMatch(/<[!@#]/)
    expect(summary).not.toMatch(/<https?:/)
    expect(summary).not.toContain('|Autify result>')
    // Discord, Teams, Slack with link_names and GitHub: `@name` and `#123` with nothing between.
    expect(summary).not.toMatch(/@(everyone|here|octocat|acme|channel)/)
    expect(summary).not.toMatch(/#123/)

    // Each name is there, readable: entities where Slack needs them, a word joiner after `@` and `#`.
    expect(summary).toContain('Checkout &lt;!here&gt; now')
    expect(summary).toContain('&lt;https://evil.example/login\\|Autify result&gt;')
    expect(summary).toContain('@\u2060everyone')
    expect(summary).toContain('#\u2060123')

    expect(summary.split('\n').slice(0, 3)).toEqual([
      `**❌ Autify: ${IDS.length} of ${IDS.length} test cases failed**`,
      expect.stringMatching(
        new RegExp(`^Test plan Release &lt;!channel&gt; @\u2060here · \\[Result \\\\#\u2060\\d+\\]\\(${resultUrl}\\) · `)
      ),
      `0 passed · ${IDS.length} failed`
    ])
    // The action's own links stay live: the result, and each test case.
    expect(summary.match(/^- ❌ \[Checkout .+\]\(http:\/\/127\.0\.0\.1:\d+\/projects\/743\/results\/\d+\/[^)]+\) on Linux/gm)).toHaveLength(
      IDS.length
    )
  })
})
