/**
 * Jest global setup: the end-to-end tests run a bundle of the current `src/`, never a stale
 * committed `dist/`: the committed one when its stamp (`dist/source-hash.txt`, written by
 * `npm run build`) matches the tree, else one built here and cached by that hash, so an unchanged
 * tree costs nothing. `ACTION_ENTRY` set by the caller (e.g. `.ci/run` testing the
 * committed `dist/index.js` on Node 24) skips the build.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { distStamp, repositoryRoot as root, sourceHash } from '../scripts/source-hash.js'

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
  const hash = sourceHash()
  // The committed bundle, when it is a bundle of this tree (as on a fresh clone of main): what ships is what is tested.
  if (!sourceMaps && distStamp() === hash) {
    process.env.ACTION_ENTRY = path.join(root, 'dist', 'index.js')
    return
  }
  const dir = path.join(cache, hash + (sourceMaps ? '-map' : ''))
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
