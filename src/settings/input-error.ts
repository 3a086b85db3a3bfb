/** A bad input: names the input and what was expected. Reported before any request is made. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    problem: string
  ) {
    super(`Input '${input}': ${problem}`)
    this.name = 'InputError'
  }
}
