import * as core from '@actions/core'
import { backslashMarkdown } from './util/format.js'
import { decodeEscapes } from './util/unescape.js'

/**
 * Every secret the action knows of, in every form it may be echoed in. Each is masked in the
 * runner's log at once (`::add-mask::`), and every text the action writes anywhere else (summary,
 * check run, outputs, files, errors) passes through `redact`.
 */
const secrets = new Set<string>()
/** The same, longest first, so a form is replaced before a shorter form inside it. */
let longestFirst: string[] = []

/** Shorter values are not secrets worth masking: masking them would garble every log line. */
export const MIN_SECRET_LENGTH = 4

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0')
const lowerPercent = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
const upperUnicode = (text: string) => text.replace(/\\u([0-9a-f]{4})/g, (_, code: string) => `\\u${code.toUpperCase()}`)

/** `&`, `<`, `>`, `"`, `'` as HTML entities: named (`&quot;`, `&#39;`) or numeric (`&#34;`, `&#x27;`). */
function htmlEscaped(text: string, quotes: { double: string; single: string }): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': quotes.double, "'": quotes.single }
  return text.replace(/[&<>"']/g, (char) => entities[char])
}

/**
 * The parts of `text`'s base64 that do not depend on what precedes it: `text` at each of the three
 * offsets a Basic-auth `user:password` (or any longer base64 text) may put it at, without the
 * characters its neighbours share. The same as the runner's own masker does.
 */
function base64Forms(text: string): string[] {
  const forms: string[] = []
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('x'.repeat(shift) + text, 'utf8').toString('base64')
    const start = shift === 0 ? 0 : Math.ceil((shift * 4) / 3)
    const bytes = shift + Buffer.byteLength(text, 'utf8')
    const stableEnd = bytes % 3 === 0 ? encoded.length : Math.floor((bytes * 4) / 3)
    forms.push(encoded.slice(start, stableEnd).replace(/=+$/, ''))
  }
  return forms
}

/**
 * Every form `secret` takes once encoded or escaped by the action or by a server echoing it:
 * raw; percent-encoded (`encodeURIComponent` and the form encoding with `+` for a space, each in
 * upper- and lower-case hex, as .NET's `HttpUtility.UrlEncode` writes); JSON-escaped (plain, with
 * `\/`, and every character as `\u00XX` in either hex case); Markdown backslash-escaped;
 * HTML-escaped; and base64, as it travels in Basic auth. The one list `addSecret` masks and the
 * tests search for.
 */
export function secretForms(secret: string): string[] {
  const uri = encodeURIComponent(secret)
  const form = new URLSearchParams({ s: secret }).toString().slice(2)
  const json = JSON.stringify(secret).slice(1, -1)
  const jsonSlash = json.replace(/\//g, '\\/')
  const unicode = [...secret].map((char) => [...char].map((unit) => `\\u${hex(unit.charCodeAt(0), 4)}`).join('')).join('')
  const forms = [
    secret,
    uri,
    lowerPercent(uri),
    uri.replace(/%20/g, '+'),
    lowerPercent(uri.replace(/%20/g, '+')),
    form,
    lowerPercent(form),
    json,
    jsonSlash,
    unicode,
    upperUnicode(unicode),
    backslashMarkdown(secret),
    htmlEscaped(secret, { double: '&quot;', single: '&#39;' }),
    htmlEscaped(secret, { double: '&#34;', single: '&#x27;' }),
    ...base64Forms(secret)
  ]
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH)
}

export function addSecret(value: string | undefined): void {
  const trimmed = value?.trim()
  if (!trimmed || trimmed.length < MIN_SECRET_LENGTH) return
  for (const form of secretForms(trimmed)) {
    if (secrets.has(form)) continue
    secrets.add(form)
    core.setSecret(form)
  }
  longestFirst = [...secrets].sort((a, b) => b.length - a.length)
}

/**
 * Starts a new step's list: each step of a job is a process of its own that learns its secrets
 * from its inputs. For runs of the action in one process (the in-process tests).
 */
export function forgetSecrets(): void {
  secrets.clear()
  longestFirst = []
}

/** `text` with every known secret, in any of its forms, replaced by `***`. */
export function redact(text: string): string {
  let result = text
  for (const secret of longestFirst) {
    if (result.includes(secret)) result = result.split(secret).join('***')
  }
  return result
}

/**
 * Escapes undone level by level past this; deeper nesting is left as it is (each pass is linear,
 * and a chain like `%252525…` would otherwise take a pass per level).
 */
const MAX_DECODE_PASSES = 8

/**
 * Text a server sent, decoded and redacted: known secrets are redacted, then one level of escapes
 * (JSON, percent, HTML) is decoded and the result redacted again, until nothing is left to decode.
 * A secret echoed in any mix of those escapes, however a server combines them, is found once its
 * text is decoded; a secret that itself looks like an escape is found before decoding changes it.
 */
export function redactServerText(text: string): string {
  let current = redact(text)
  for (let pass = 0; pass < MAX_DECODE_PASSES; pass++) {
    const decoded = decodeEscapes(current)
    if (decoded === current) break
    current = redact(decoded)
  }
  return current
}

/** A parsed JSON body with every string in it, keys included, passed through `redactServerText`. */
export function redactServerJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactServerText(value)
  if (value === null || typeof value !== 'object' || depth > 64) return typeof value === 'object' ? null : value
  if (Array.isArray(value)) return value.map((item) => redactServerJson(item, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [redactServerText(key), redactServerJson(inner, depth + 1)]))
}
