/**
 * Checks that a JSON value from another service has the shape the code relies on, and returns a
 * fresh value of exactly that shape: lenient on extra fields and on nulls where a field may be
 * absent, strict on the types the code uses. A mismatch is a `ShapeError` naming the field.
 */

/** Checks `value` found at `path` (e.g. `test_case_results[3].status`) and returns it typed. */
export type Shape<T> = (value: unknown, path: string) => T

export class ShapeError extends Error {
  constructor(
    /** Where in the body, e.g. `test_plan_capability_results[0].capability.os`; empty for the body itself. */
    readonly path: string,
    readonly expected: string,
    readonly actual: unknown
  ) {
    super(`${path || 'the body'} is ${describe(actual)}, expected ${expected}`)
    this.name = 'ShapeError'
  }
}

/** The type of a value, never the value itself: it may hold anything. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const type = typeof value
  return type === 'object' ? 'an object' : `a ${type}`
}

export function parseShape<T>(shape: Shape<T>, value: unknown): T {
  return shape(value, '')
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key)

export const string: Shape<string> = (value, path) => {
  if (typeof value !== 'string') throw new ShapeError(path, 'a string', value)
  return value
}

export const number: Shape<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(path, 'a number', value)
  return value
}

export const integer: Shape<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ShapeError(path, 'an integer', value)
  return value
}

export const boolean: Shape<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new ShapeError(path, 'a boolean', value)
  return value
}

/** One of `values`; the error lists them. */
export function oneOf<const T extends string>(values: readonly T[]): Shape<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw new ShapeError(path, `one of ${values.join(', ')}`, value)
    }
    return value as T
  }
}

/** `null` when absent or null. */
export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value, path) => (value === null || value === undefined ? null : shape(value, path))
}

/** An array of `item`; absent or null reads as empty. */
export function list<T>(item: Shape<T>): Shape<T[]> {
  return (value, path) => {
    if (value === null || value === undefined) return []
    if (!Array.isArray(value)) throw new ShapeError(path, 'an array', value)
    return value.map((entry, index) => item(entry, join(path, index)))
  }
}

/** `null` when absent or when it does not match `shape`: for a value whose absence the code already handles. */
export function nullIfInvalid<T>(shape: Shape<T>): Shape<T | null> {
  return (value, path) => {
    try {
      return shape(value, path)
    } catch (error) {
      if (error instanceof ShapeError) return null
      throw error
    }
  }
}

/** An array of the entries that match `item`, the others left out; absent or null reads as empty. */
export function matching<T>(item: Shape<T>): Shape<T[]> {
  const entries = list(nullIfInvalid(item))
  return (value, path) => entries(value, path).filter((entry): entry is T => entry !== null)
}

/** An array of `item` that must be there. */
export function requiredList<T>(item: Shape<T>): Shape<T[]> {
  const lenient = list(item)
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, 'an array', value)
    return lenient(value, path)
  }
}

type Fields = Record<string, Shape<unknown>>
/** Fields that may be null are optional in the type (always present in a parsed value), so fixtures can leave them out. */
type Parsed<F extends Fields> = {
  [K in keyof F as null extends ReturnType<F[K]> ? K : never]?: ReturnType<F[K]>
} & { [K in keyof F as null extends ReturnType<F[K]> ? never : K]: ReturnType<F[K]> }

/** An object with (at least) `fields`; only those are kept. */
export function object<F extends Fields>(fields: F): Shape<Parsed<F>> {
  return (value, path) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShapeError(path, 'an object', value)
    const source = value as Record<string, unknown>
    const parsed: Record<string, unknown> = {}
    for (const [key, shape] of Object.entries(fields)) parsed[key] = shape(source[key], join(path, key))
    return parsed as Parsed<F>
  }
}

/** Applies `convert` to what `shape` accepted, e.g. to redact a string as it enters. */
export function map<T, U>(shape: Shape<T>, convert: (value: T) => U): Shape<U> {
  return (value, path) => convert(shape(value, path))
}
