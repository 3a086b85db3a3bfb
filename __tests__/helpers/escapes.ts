/** Text escaped at random the ways servers escape it, reproducibly, for the redaction tests. */

/** A seeded generator (mulberry32): every run draws the same mixes, and a failure names its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NAMED_ENTITIES: Record<string, string> = { '&': '&amp;', '+': '&plus;', '=': '&equals;', '/': '&sol;', '"': '&quot;', '<': '&lt;' }
const JSON_SINGLE: Record<string, string> = { '/': '\\/', '"': '\\"', '\\': '\\\\' }
const percent = (char: string) => [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
const hex4 = (char: string) => char.charCodeAt(0).toString(16).padStart(4, '0')

/** One character in one of the ways a server may escape it: JSON, `\u` (either case), percent (either case), HTML. */
const ESCAPES: ((char: string) => string)[] = [
  (c) => c,
  (c) => JSON_SINGLE[c] ?? c,
  (c) => `\\u${hex4(c)}`,
  (c) => `\\u${hex4(c).toUpperCase()}`,
  (c) => percent(c).toLowerCase(),
  (c) => percent(c).toUpperCase(),
  (c) => `&#${c.codePointAt(0)};`,
  (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`,
  (c) => `&#x${c.codePointAt(0)!.toString(16)};`,
  (c) => NAMED_ENTITIES[c] ?? c
]

/**
 * `text` with each character escaped a random way, and now and then that escape escaped once more,
 * as an encoder would: the second level escapes its own escape characters (`\`, `%`, `&`) always.
 */
export function randomlyEscaped(text: string, random: () => number): string {
  const pick = (char: string, faithful: boolean): string => {
    const escaped = ESCAPES[Math.floor(random() * ESCAPES.length)](char)
    return faithful && escaped === char && '\\%&'.includes(char) ? pick(char, faithful) : escaped
  }
  return [...text]
    .map((char) => {
      const once = pick(char, false)
      return random() < 0.15 ? [...once].map((c) => pick(c, true)).join('') : once
    })
    .join('')
}
