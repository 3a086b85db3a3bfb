/**
 * Jest global setup: the end-to-end tests run a bundle of the current `src/`, never a stale
 * committed `dist/`. The bundle is cached by a hash of everything it is built from, so an
 * unchanged tree costs nothing. `ACTION_ENTRY` set by the caller (e.g. `.ci/run` testing the
 * committed `dist/index.js` on Node 24) skips the build.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function filesUnder(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name)
      return statSync(file).isDirectory() ? filesUnder(file) : [file]
    })
}

function sourceHash() {
  const hash = createHash('sha256')
  for (const file of [...filesUnder(path.join(root, 'src')), path.join(root, 'package-lock.json'), path.join(root, 'tsconfig.json')]) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

export default function globalSetup() {
  // Every temporary folder of the tests goes under this one; the global teardown removes it.
  if (!process.env.AUTIFY_ACTION_TEMP_ROOT) {
    process.env.AUTIFY_ACTION_TEMP_ROOT = mkdtempSync(path.join(tmpdir(), 'autify-action-tests-'))
    process.env.AUTIFY_ACTION_TEMP_ROOT_OWNER = String(process.pid)
  }
  if (process.env.ACTION_ENTRY) return
  const cache = path.join(root, 'node_modules', '.cache', 'autify-action-test-bundle')
  // Under V8 coverage (npm run test:coverage) the bundle has a source map, so the children's
  // coverage maps back to src/.
  const sourceMaps = Boolean(process.env.NODE_V8_COVERAGE)
  const dir = path.join(cache, sourceHash() + (sourceMaps ? '-map' : ''))
  const entry = path.join(dir, 'index.js')
  if (!existsSync(entry)) {
    rmSync(cache, { recursive: true, force: true })
    const building = `${dir}.building-${process.pid}`
    mkdirSync(building, { recursive: true })
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
        'build',
        'src/index.ts',
        '--out',
        building,
        '--target',
        'es2022',
        '--quiet',
        ...(sourceMaps ? ['--source-map', '--no-source-map-register'] : [])
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
    )
    renameSync(building, dir)
  }
  // Test workers start after this and inherit the variable.
  process.env.ACTION_ENTRY = entry
}
