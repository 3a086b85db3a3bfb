/**
 * Counts and durations from outside are printed, summed and compared: each is a finite,
 * non-negative safe integer here, so no output shows `Infinity`, `NaN`, `1e+21` or `5e-324`.
 */

/** `value` when it is a whole number from 0 to Number.MAX_SAFE_INTEGER, else null. */
export function wholeCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null
}

/** Milliseconds from outside, rounded to whole ones; null unless finite, non-negative and safe. */
export function wholeMilliseconds(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null
  const rounded = Math.round(value)
  return Number.isSafeInteger(rounded) ? rounded : null
}

/** The sum of whole counts, held at Number.MAX_SAFE_INTEGER rather than losing precision. */
export function sumCounts(values: readonly number[]): number {
  let sum = 0
  for (const value of values) sum = Math.min(Number.MAX_SAFE_INTEGER, sum + value)
  return sum
}
