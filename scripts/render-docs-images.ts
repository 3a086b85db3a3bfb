/**
 * `npm run docs:images`: regenerates the README's pictures, `docs/job-summary.png`,
 * `docs/check-run.png` and `docs/pr-comment.png`, from a real run of the bundled action (`node dist/index.js`) against the
 * built-in simulators: a test plan with a failure, a flaky pass and a review-needed result. The job
 * summary Markdown the action wrote and the check run the GitHub API simulator received are
 * rendered as HTML pages styled like GitHub's, then screenshotted with headless Chromium. Links to
 * the simulator are shown on Autify's origin (https://app.autify.com), as a user would see them.
 *
 * Needs Debian's `chromium` (and, for the emoji and text, `fonts-noto-color-emoji fonts-noto-core`):
 *   apt-get install -y chromium fonts-noto-core fonts-noto-color-emoji
 * Set CHROMIUM to use another binary. Neither the tests nor CI need this script.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { marked } from 'marked'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import { DEMO_PULL_REQUEST, seedBaseBranch } from '../simulator/demo-pull-request.js'
import { type SimAnnotation, type SimCheckRun, GitHubSimulator } from '../simulator/github/github-simulator.js'
import { repositoryRoot, runAction } from '../simulator/run-action.js'

const WIDTH = 960
const SCALE = 1
const SIZE_BUDGET_BYTES = 300 * 1024
const AUTIFY_ORIGIN = 'https://app.autify.com'

async function main(): Promise<void> {
  const chromium = findChromium()
  const { summary, checkRun, comment, workflowFile } = await runTestPlan()

  const work = mkdtempSync(path.join(tmpdir(), 'autify-docs-images-'))
  const docs = path.join(repositoryRoot(), 'docs')
  mkdirSync(docs, { recursive: true })
  try {
    const pages: [string, string][] = [
      ['job-summary', jobSummaryPage(summary, workflowFile)],
      ['check-run', checkRunPage(checkRun)],
      ['pr-comment', prCommentPage(comment)]
    ]
    for (const [name, html] of pages) {
      const page = path.join(work, `${name}.html`)
      writeFileSync(page, html)
      const image = path.join(docs, `${name}.png`)
      screenshot(chromium, page, image, work)
      const bytes = statSync(image).size
      console.log(`${path.relative(process.cwd(), image)}: ${Math.round(bytes / 1024)} KB`)
      if (bytes > SIZE_BUDGET_BYTES) console.warn(`  larger than ${SIZE_BUDGET_BYTES / 1024} KB: consider a smaller page or scale.`)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * The demo's test plan 169500 on a pull request, after three earlier runs, with one retry: a new
 * failure, a known one, a flaky pass and a review-needed result, and the pull-request comment.
 */
async function runTestPlan(): Promise<{ summary: string; checkRun: SimCheckRun; comment: string; workflowFile: string }> {
  const autify = await new AutifySimulator().start()
  const github = await new GitHubSimulator().start()
  seedBaseBranch(autify, github)
  const workflowFile = '.github/workflows/e2e.yml'
  try {
    console.log('Running the action against the simulators (test plan 169500, max-retry-count 1)…')
    const run = await runAction({
      inputs: {
        'access-token': autify.world.token,
        'autify-api-url': autify.apiUrl,
        'github-token': github.token,
        'project-id': String(autify.world.projectId),
        'test-plan-id': '169500',
        'max-retry-count': '1',
        'pr-comment': 'always',
        interval: '1'
      },
      env: { GITHUB_API_URL: github.apiUrl },
      ...DEMO_PULL_REQUEST,
      workflowFile
    })
    const comment = github.comments.at(-1)?.body ?? ''
    const checkRun = github.checkRuns.at(-1)
    if (run.exitCode !== 1 || !run.summary.trim() || !checkRun || checkRun.status !== 'completed' || !comment) {
      throw new Error(
        `Expected a failed run with a job summary and a completed check run; got exit code ${run.exitCode}, ` +
          `${run.summary.length} bytes of summary, check run ${checkRun?.status ?? 'none'}.\n${run.stdout}\n${run.stderr}`
      )
    }
    // Links as a user sees them: on Autify's origin, not on the simulator's loopback port.
    const onAutifyOrigin = <T>(value: T): T => JSON.parse(JSON.stringify(value).split(autify.origin).join(AUTIFY_ORIGIN)) as T
    const shown = {
      summary: onAutifyOrigin(run.summary),
      checkRun: onAutifyOrigin(checkRun),
      comment: onAutifyOrigin(comment),
      workflowFile
    }
    const loopback = /https?:\/\/(127\.0\.0\.1|localhost)[:/]/.exec(JSON.stringify(shown))
    if (loopback) throw new Error(`A loopback link would show in the pictures: ${loopback[0]}…`)
    return shown
  } finally {
    await Promise.all([autify.close(), github.close()])
  }
}

function findChromium(): string {
  const candidates = [process.env.CHROMIUM, 'chromium', 'chromium-browser'].filter((c): c is string => Boolean(c))
  for (const candidate of candidates) {
    if (spawnSync(candidate, ['--version'], { encoding: 'utf8' }).status === 0) return candidate
  }
  throw new Error(
    "Chromium not found: install Debian's package (apt-get install -y chromium fonts-noto-core fonts-noto-color-emoji) or set CHROMIUM."
  )
}

/** Two headless passes: one to measure the page's height, one to take the picture at that height. */
function screenshot(chromium: string, page: string, image: string, work: string): void {
  const url = pathToFileURL(page).href
  const dom = runChromium(chromium, work, ['--dump-dom', `--window-size=${WIDTH},800`, url])
  const height = Number(/data-page-height="(\d+)"/.exec(dom)?.[1])
  if (!Number.isFinite(height) || height <= 0) throw new Error(`Could not measure ${page}.`)
  runChromium(chromium, work, [
    `--screenshot=${image}`,
    `--window-size=${WIDTH},${height}`,
    `--force-device-scale-factor=${SCALE}`,
    '--hide-scrollbars',
    url
  ])
}

function runChromium(chromium: string, work: string, args: string[]): string {
  const profile = mkdtempSync(path.join(work, 'profile-'))
  const result = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      ...args
    ],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }
  )
  rmSync(profile, { recursive: true, force: true })
  if (result.status !== 0) throw new Error(`${chromium} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`)
  return result.stdout
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const markdown = (text: string) => marked.parse(text, { gfm: true, async: false })

/** Simple status icons drawn for this page, in the spirit of GitHub's. */
const ICONS = {
  failure:
    '<svg class="icon failure" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.5"/><path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/></svg>',
  warning:
    '<svg class="icon warning" viewBox="0 0 16 16"><path d="M8 1.2 15.2 14.3H.8z" stroke-linejoin="round" stroke-width="1" stroke="currentColor"/><path d="M8 6v4" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="12.1" r=".9" fill="#fff"/></svg>',
  notice:
    '<svg class="icon notice" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.5"/><path d="M8 7.2v4.3" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="4.8" r=".95" fill="#fff"/></svg>',
  success:
    '<svg class="icon success" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.5"/><path d="M4.8 8.3l2.2 2.2 4.2-4.6" stroke="#fff" stroke-width="1.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>'
}

const conclusionIcon = (conclusion: string | null) =>
  conclusion === 'success' ? ICONS.success : conclusion === 'failure' ? ICONS.failure : ICONS.warning

const CSS = `
* { box-sizing: border-box; }
html { background: #f6f8fa; }
body { margin: 0; padding: 24px; color: #1f2328; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; }
a { color: #0969da; text-decoration: none; }
.icon { width: 16px; height: 16px; flex: none; vertical-align: text-bottom; }
.icon circle:first-child, .icon.warning path:first-child { fill: currentColor; }
.icon.failure { color: #d1242f; } .icon.warning { color: #9a6700; } .icon.notice { color: #0969da; } .icon.success { color: #1a7f37; }
.muted { color: #59636e; }
.mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; }
.run-header { display: flex; align-items: center; gap: 8px; margin: 0 0 16px; font-size: 20px; }
.run-header .muted { font-size: 14px; }
.box { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.box-header { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; font-size: 14px; }
.markdown-body { padding: 16px 24px 8px; font-size: 14px; line-height: 1.5; word-wrap: break-word; }
.markdown-body > *:first-child { margin-top: 0 !important; }
.markdown-body h1, .markdown-body h2, .markdown-body h3 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
.markdown-body h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body p, .markdown-body blockquote, .markdown-body table, .markdown-body details { margin: 0 0 16px; }
.markdown-body blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-body blockquote > :last-child { margin-bottom: 0; }
.markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; font-variant: tabular-nums; }
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body th { font-weight: 600; }
.markdown-body tr { background: #fff; border-top: 1px solid #d1d9e0b3; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body sub { font-size: 75%; }
.markdown-body code { padding: .2em .4em; font-size: 85%; background: #818b981f; border-radius: 6px; }
.markdown-body summary { cursor: pointer; }
.checks { display: flex; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
.checks aside { width: 210px; flex: none; border-right: 1px solid #d1d9e0; background: #f6f8fa; padding: 12px 0; }
.checks aside .workflow { padding: 4px 16px 8px; font-weight: 600; }
.checks aside .workflow .muted { font-weight: 400; font-size: 12px; display: block; }
.checks aside .item { display: flex; align-items: center; gap: 8px; padding: 6px 16px; }
.checks aside .item.selected { background: #fff; border-left: 2px solid #fd8c73; padding-left: 14px; font-weight: 600; }
.checks main { flex: 1; min-width: 0; }
.check-header { display: flex; align-items: center; gap: 10px; padding: 16px 24px; border-bottom: 1px solid #d1d9e0; }
.check-header h1 { margin: 0; font-size: 20px; font-weight: 600; }
.check-header .icon { width: 20px; height: 20px; }
.check-header .muted { margin-left: auto; font-size: 12px; }
.output-title { margin: 16px 24px 0; font-size: 16px; font-weight: 600; }
.markdown-body.text-toggle { margin: 0 24px 16px; padding: 0; }
.annotations { margin: 0 24px 24px; border: 1px solid #d1d9e0; border-radius: 6px; }
.annotations > header { padding: 10px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; }
.annotations > header strong { margin-right: 8px; }
.annotation { display: flex; gap: 10px; padding: 10px 16px; border-top: 1px solid #d1d9e0b3; }
.annotation:first-of-type { border-top: 0; }
.annotation .icon { margin-top: 3px; }
.annotation .body { min-width: 0; flex: 1; }
.annotation .title { font-weight: 600; }
.annotation .where { font-size: 12px; }
.annotation pre { margin: 4px 0 0; padding: 8px 10px; font-size: 12px; line-height: 1.45; white-space: pre-wrap; word-break: break-all; background: #f6f8fa; border-radius: 6px; }
.annotation details { margin-top: 4px; font-size: 12px; }
.annotation details.folded { margin: 0; font-size: 14px; }
.annotation details.folded summary { list-style: none; }
.annotation details.folded summary::-webkit-details-marker { display: none; }
.annotation.plain { padding-top: 6px; padding-bottom: 6px; }
`

/** After layout, the page records its height, which `--dump-dom` then shows. */
const MEASURE = `<script>addEventListener('load', () => document.body.setAttribute('data-page-height', String(Math.ceil(document.documentElement.getBoundingClientRect().height))))</script>`

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>${body}${MEASURE}</body></html>`
}

/** The job summary as GitHub shows it on the workflow run page: one box per job. */
function jobSummaryPage(summary: string, workflowFile: string): string {
  return page(
    'Job summary',
    `<div class="run-header">${ICONS.failure}<strong>E2E</strong><span class="muted">${escapeHtml(workflowFile)} · on: pull_request</span></div>
<section class="box"><header class="box-header">e2e summary</header><article class="markdown-body">${markdown(summary)}</article></section>`
  )
}

/** The comment as a pull request's conversation shows it. */
function prCommentPage(comment: string): string {
  return page(
    'Pull-request comment',
    `<section class="box"><header class="box-header">github-actions <span class="muted">(bot) commented</span></header><article class="markdown-body">${markdown(comment)}</article></section>`
  )
}

/** The check run as the Checks tab shows it: header, output title and summary, the text folded, then every annotation. */
function checkRunPage(check: SimCheckRun): string {
  const count = (level: string, noun: string) => {
    const n = check.annotations.filter((a) => a.annotation_level === level).length
    return n > 0 ? [`${n} ${noun}${n === 1 ? '' : 's'}`] : []
  }
  const counts = [...count('failure', 'failure'), ...count('warning', 'warning'), ...count('notice', 'notice')]
  const seconds =
    check.started_at && check.completed_at ? Math.round((Date.parse(check.completed_at) - Date.parse(check.started_at)) / 1000) : null
  return page(
    `Check run ${check.name}`,
    `<div class="checks">
<aside><div class="workflow">E2E<span class="muted">on: pull_request</span></div><div class="item selected">${conclusionIcon(check.conclusion)}${escapeHtml(check.name)}</div></aside>
<main>
<header class="check-header">${conclusionIcon(check.conclusion)}<h1>${escapeHtml(check.name)}</h1><span class="muted">${escapeHtml(check.conclusion ?? check.status)}${seconds !== null ? ` in ${seconds}s` : ''} · <span class="mono">${check.head_sha.slice(0, 7)}</span></span></header>
<div class="output-title">${escapeHtml(check.output.title ?? '')}</div>
<article class="markdown-body">${markdown(check.output.summary ?? '')}</article>
${check.output.text ? `<details class="text-toggle markdown-body"><summary>Test case tables (the check run's text)</summary>${markdown(check.output.text)}</details>` : ''}
<section class="annotations"><header><strong>Annotations</strong><span class="muted">${counts.join(', ')}</span></header>
${check.annotations.map(annotationHtml).join('\n')}
</section>
</main></div>`
  )
}

/**
 * One annotation: level icon, title, file and line, message. A plain pass (a notice with nothing to
 * retell) keeps its message under a toggle, so the picture stays short with every annotation listed.
 */
function annotationHtml(a: SimAnnotation): string {
  const level = a.annotation_level as keyof typeof ICONS
  const lines = a.start_line === a.end_line ? `L${a.start_line}` : `L${a.start_line}-L${a.end_line}`
  const title = `<span class="title">${escapeHtml(a.title ?? '')}</span>`
  const where = `<div class="where"><a class="mono" href="#">${escapeHtml(a.path)}#${lines}</a></div>`
  const message = `<pre class="mono">${escapeHtml(a.message)}</pre>`
  const raw = a.raw_details
    ? `<details><summary class="muted">Raw output</summary><pre class="mono">${escapeHtml(a.raw_details)}</pre></details>`
    : ''
  const plainPass = a.annotation_level === 'notice' && !a.raw_details
  const body = plainPass
    ? `<details class="folded"><summary>${title}${where}</summary>${message}</details>`
    : `<div class="title">${title}</div>${where}${message}${raw}`
  return `<div class="annotation${plainPass ? ' plain' : ''}">${ICONS[level] ?? ICONS.notice}<div class="body">${body}</div></div>`
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
