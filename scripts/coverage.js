/**
 * `npm run test:coverage`: line coverage of every file of src/, the end-to-end tests' child processes
 * included. Jest measures the in-process tests with V8 coverage; `NODE_V8_COVERAGE` (passed on to the
 * children by simulator/run-action.ts) makes every spawned action write its raw V8 coverage, which is
 * mapped back to src/ through the test bundle's source map (the global setup builds the bundle with
 * one when NODE_V8_COVERAGE is set). Both are merged; the figures per folder are printed and
 * `coverage/` holds the HTML and JSON reports. Extra arguments go to Jest (e.g. a test path).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { mergeProcessCovs } = require('@bcoe/v8-coverage')
const v8toIstanbul = require('v8-to-istanbul')
const libCoverage = require('istanbul-lib-coverage')
const libReport = require('istanbul-lib-report')
const reports = require('istanbul-reports')

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'coverage')
const raw = path.join(out, 'children-raw')
rmSync(out, { recursive: true, force: true })
mkdirSync(raw, { recursive: true })

const jest = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/jest/bin/jest.js'),
    '--coverage',
    '--coverageProvider=v8',
    '--collectCoverageFrom=src/**/*.ts',
    '--coverageReporters=json',
    `--coverageDirectory=${path.join(out, 'in-process')}`,
    ...process.argv.slice(2)
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning', NODE_V8_COVERAGE: raw }
  }
)

const map = libCoverage.createCoverageMap(JSON.parse(readFileSync(path.join(out, 'in-process', 'coverage-final.json'), 'utf8')))

// The children: every process that ran a test bundle, merged, then mapped to src/ once.
const bundleCovs = readdirSync(raw)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(path.join(raw, name), 'utf8')))
  .map((cov) => ({ result: cov.result.filter((script) => /autify-action-test-bundle\/[^/]+-map\/([0-9]+\.)?index\.js$/.test(script.url)) }))
  .filter((cov) => cov.result.length > 0)
if (bundleCovs.length > 0) {
  for (const script of mergeProcessCovs(bundleCovs).result) {
    const bundle = fileURLToPath(script.url)
    // ncc names each source relative to an output folder one level below the root (`dist/`), not to
    // where the test bundle is, and as `.././src/…`, which v8-to-istanbul fails to match with the
    // positions it maps: made absolute, every range lands on its file in src/.
    const sourceMap = JSON.parse(readFileSync(`${bundle}.map`, 'utf8'))
    const sourcemap = { ...sourceMap, sources: sourceMap.sources.map((source) => path.resolve(root, 'dist', source)) }
    const converter = v8toIstanbul(bundle, 0, { source: readFileSync(bundle, 'utf8'), sourceMap: { sourcemap } })
    await converter.load()
    converter.applyCoverage(script.functions)
    for (const [file, data] of Object.entries(converter.toIstanbul())) {
      const source = path.resolve(file)
      if (source.startsWith(path.join(root, 'src') + path.sep) && existsSync(source)) map.merge({ [source]: { ...data, path: source } })
    }
  }
}
console.log(`\nChild processes measured: ${bundleCovs.length}`)

const context = libReport.createContext({ dir: out, coverageMap: map, defaultSummarizer: 'nested' })
for (const name of ['html', 'json-summary', 'text-summary']) reports.create(name).execute(context)

// The figure per folder of src/.
const folders = new Map()
for (const file of map.files()) {
  const folder = path.dirname(path.relative(path.join(root, 'src'), file)) || '.'
  const lines = map.fileCoverageFor(file).toSummary().lines
  const sum = folders.get(folder) ?? { covered: 0, total: 0, files: 0 }
  folders.set(folder, { covered: sum.covered + lines.covered, total: sum.total + lines.total, files: sum.files + 1 })
}
const rows = [...folders].sort(([a], [b]) => a.localeCompare(b))
const table = ['| folder of src/ | files | lines |', '|---|---|---|']
for (const [folder, { covered, total, files }] of rows)
  table.push(`| ${folder} | ${files} | ${((100 * covered) / Math.max(1, total)).toFixed(1)} % |`)
console.log(`\nLine coverage per folder (in-process and child processes):\n${table.join('\n')}`)
writeFileSync(path.join(out, 'per-folder.md'), `${table.join('\n')}\n`)
rmSync(raw, { recursive: true, force: true })
process.exit(jest.status ?? 1)
