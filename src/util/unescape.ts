/**
 * One level of the escapes a server may put text in, decoded in one left-to-right scan, so escapes
 * of different kinds mixed in one string all come undone together: JSON (`\/`, `\"`, `\\`, `\n`…,
 * `\u00XX` in either hex case), percent-encoding (either hex case, UTF-8 runs as one character) and
 * HTML character references (`&#43;`, `&#x2B;`, `&amp;`, `&quot;`…). What is not a valid escape is
 * left as it is. A `+` stays a `+`: decoding it to a space would change what it means elsewhere.
 */
const ESCAPE = /\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])|((?:%[0-9a-fA-F]{2})+)|&#([0-9]{1,7});|&#[xX]([0-9a-fA-F]{1,6});|&([a-zA-Z]{2,6});/g

const JSON_SINGLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

/** The named references encoders write for ASCII (HTML5 names), and the no-break space. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  plus: '+',
  equals: '=',
  sol: '/',
  bsol: '\\',
  num: '#',
  percnt: '%',
  colon: ':',
  semi: ';',
  comma: ',',
  period: '.',
  excl: '!',
  quest: '?',
  commat: '@',
  dollar: '$',
  lowbar: '_',
  hyphen: '-',
  ast: '*',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
  vert: '|',
  grave: '`',
  tilde: '~',
  Hat: '^',
  nbsp: '\u00a0'
}

function fromCodePoint(code: number, original: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : original
}

/** A run of `%XX` as UTF-8; bytes that are not UTF-8 as Latin-1, one character each. */
function percentRun(run: string): string {
  try {
    return decodeURIComponent(run)
  } catch {
    return run.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  }
}

/** `text` with one level of JSON, percent and HTML escapes decoded. */
export function decodeEscapes(text: string): string {
  return text.replace(
    ESCAPE,
    (match, unicode?: string, single?: string, percent?: string, decimal?: string, hex?: string, name?: string) => {
      if (unicode) return String.fromCharCode(Number.parseInt(unicode, 16))
      if (single) return JSON_SINGLE[single]
      if (percent) return percentRun(percent)
      if (decimal) return fromCodePoint(Number.parseInt(decimal, 10), match)
      if (hex) return fromCodePoint(Number.parseInt(hex, 16), match)
      return NAMED[name as string] ?? match
    }
  )
}
