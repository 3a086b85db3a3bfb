/**
 * A hash of everything the bundle is built from (src/, the lock file, tsconfig.json and
 * package.json, whose `build` script holds ncc's options). `npm run build` writes it beside the
 * bundle as `dist/source-hash.txt`; the tests' global setup compares it with the tree's to know
 * whether the committed `dist/index.js` is a bundle of the current `src/`.
 *
 *   node scripts/source-hash.js dist/source-hash.txt   # writes the stamp
 */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DIST_STAMP = path.join(repositoryRoot, 'dist', 'source-hash.txt')

function filesUnder(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name)
      return statSync(file).isDirectory() ? filesUnder(file) : [file]
    })
}

export function sourceHash(root = repositoryRoot) {
  const hash = createHash('sha256')
  const inputs = [
    ...filesUnder(path.join(root, 'src')),
    ...['package-lock.json', 'package.json', 'tsconfig.json'].map((name) => path.join(root, name))
  ]
  for (const file of inputs) {
    // Line endings as git checks them out must not change the hash.
    const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n')
    hash.update(path.relative(root, file).split(path.sep).join('/')).update('\0').update(text).update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/** The hash the committed bundle was built from, or null when there is no stamp. */
export function distStamp() {
  try {
    return readFileSync(DIST_STAMP, 'utf8').trim()
  } catch {
    return null
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2]
  if (!target) {
    console.log(sourceHash())
  } else {
    writeFileSync(target, `${sourceHash()}\n`)
  }
}
