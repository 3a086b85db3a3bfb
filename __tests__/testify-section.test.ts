import { describe, expect, it } from '@jest/globals'
import { planCheckResults } from '../src/testify/check-results.js'
import {
  NOT_SENT,
  type TestifyPublication,
  failureMessage,
  mismatchWarning,
  newPublication,
  publicationOutputs
} from '../src/testify/publication.js'
import { renderTestifySection } from '../src/testify/section.js'
import type { WireCheck } from '../src/testify/wire.js'
import { testCase } from './helpers/testify-fixtures.js'

const logical = (identifier: string): WireCheck => ({ identifier, checkId: null, type: 'testify_booleantestcase', title: null })

/** A publication that got as far as reading the checks. */
function published(
  testCases = [testCase(1, 'Sign in', 'passed'), testCase(2, 'Pay', 'failed')],
  checks = [logical('Sign in'), logical('Pay')]
) {
  const publication: TestifyPublication = newPublication('checkout-regression', 'octo-org/shop@0123456', 'autify-1920001')
  publication.testObject = { created: true }
  publication.checklist = { created: true, url: 'https://cloud.testify.io/todos/checklists/9033d3c6' }
  publication.plan = planCheckResults(testCases, checks, '{scenario-name}')
  return publication
}

describe('renderTestifySection', () => {
  it('links the checklist and shows what each check got', () => {
    const publication = published()
    publication.published.push(...publication.plan!.posts)
    const section = renderTestifySection(publication)
    expect(section).toContain('## 🧾 Testify: 2 check results published')
    expect(section).toContain(
      '**Test object:** `octo-org/shop@0123456` (created) · **Checklist:** [autify-1920001](https://cloud.testify.io/todos/checklists/9033d3c6) (created from template `checkout-regression`)'
    )
    expect(section).toContain('| Sign in | Logical Check | ✅ true | [✅ Passed · Linux · Chrome](https://app.autify.com/')
    expect(section).toContain('| Pay | Logical Check | ❌ false | [❌ Failed · Linux · Chrome](')
    expect(section).not.toContain('> ')
    expect(failureMessage(publication)).toBeNull()
    expect(publicationOutputs(publication)).toEqual({
      'testify-test-object-id': 'octo-org/shop@0123456',
      'testify-checklist-id': 'autify-1920001'
    })
  })

  it('names the checklist without a link when the answer had none, and escapes identifiers', () => {
    const publication = published([testCase(1, 'A | <b>', 'passed')], [logical('A | <b>')])
    publication.checklist = { created: false, url: null }
    publication.published.push(...publication.plan!.posts)
    const section = renderTestifySection(publication)
    expect(section).toContain('**Checklist:** `autify-1920001` (reused: this result was published before)')
    expect(section).toContain('| A \\| &lt;b&gt; | Logical Check |')
  })

  it('says nothing was published when publishing stopped early, and quotes the reason', () => {
    const publication = newPublication('tpl', 'obj', 'autify-7')
    publication.stoppedBy = 'Testify rejected the API key (HTTP 401 on GET /x).'
    const section = renderTestifySection(publication)
    expect(section).toContain('## ⚠️ Testify: nothing published')
    expect(section).toContain('**Test object:** `obj` (not confirmed) · **Checklist:** `autify-7` (not created; template `tpl`)')
    expect(section).toContain(
      "> Publishing to Testify failed: Testify rejected the API key (HTTP 401 on GET /x). In Testify: test object 'obj' was not confirmed; no checklist 'autify-7' was created. No check result was published."
    )
    expect(publicationOutputs(publication)).toEqual({})
  })

  it('lists up to 20 items of a list and counts the rest', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Manual ${String(i + 1).padStart(2, '0')}`)
    const twenty = renderTestifySection(published([], names(20).map(logical)))
    expect(twenty).toContain('**Checks without a test case result** (20)')
    expect(twenty).toContain('- Manual 20 (Logical Check)')
    expect(twenty).not.toContain('more')
    const more = renderTestifySection(published([], names(21).map(logical)))
    expect(more).not.toContain('- Manual 21')
    expect(more).toContain('- … and 1 more')
  })
})

describe('failureMessage', () => {
  it('says what was published, what was refused and what was not sent', () => {
    const publication = published(
      [testCase(1, 'Sign in', 'passed'), testCase(2, 'Pay', 'failed'), testCase(3, 'Refund', 'passed')],
      [logical('Sign in'), logical('Pay'), logical('Refund')]
    )
    const [signIn, pay, refund] = publication.plan!.posts
    publication.published.push(signIn)
    publication.notPublished.push({ post: pay, reason: 'Testify had a server error (HTTP 500).' }, { post: refund, reason: NOT_SENT })
    expect(failureMessage(publication)).toBe(
      "Publishing to Testify was incomplete. In Testify: test object 'octo-org/shop@0123456' was created; checklist 'autify-1920001' was created from template 'checkout-regression'. Published 1 of 3 check results: 'Sign in'. Not published: 'Pay': Testify had a server error (HTTP 500). Not sent after that error: 'Refund'."
    )
    expect(renderTestifySection(publication)).toContain('| Pay | Logical Check | ⚠️ not published |')
  })
})

describe('mismatchWarning', () => {
  it('is one sentence about unmatched results, checks without results and unfillable checks', () => {
    const publication = published(
      [testCase(1, 'Sign in', 'passed'), testCase(9, 'Newsletter', 'passed'), testCase(4, 'Amount', 'passed')],
      [
        logical('Sign in'),
        logical('Release approved'),
        { identifier: 'Amount', checkId: null, type: 'testify_numerictestcase', title: null }
      ]
    )
    expect(mismatchWarning(publication)).toBe(
      "Testify checklist 'autify-1920001': 1 test case result found no check (no check has the identifier 'Newsletter'; see 'testify-check-identifier'); 1 check got no result ('Release approved'); 1 check of a type the action does not fill stayed open ('Amount'). The job summary lists them."
    )
  })

  it('is null when every result met its check', () => {
    expect(mismatchWarning(published())).toBeNull()
    expect(mismatchWarning(newPublication('tpl', 'obj', 'autify-7'))).toBeNull()
  })

  it('does not warn about checks left open because their scenarios were skipped', () => {
    expect(mismatchWarning(published([testCase(1, 'Sign in', 'skipped')], [logical('Sign in')]))).toBeNull()
  })
})
