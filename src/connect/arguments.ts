/**
 * Splits a command line into arguments as a POSIX shell would, without running one: whitespace
 * separates, 'single quotes' keep everything, "double quotes" keep everything but `\"` and `\\`,
 * and a backslash outside quotes keeps the next character. Nothing is expanded, so the characters
 * a shell would act on (`$ \` | & ; < > ( )`) must be quoted to be passed on.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = []
  let current = ''
  let inArgument = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (/\s/.test(char)) {
      if (inArgument) args.push(current)
      current = ''
      inArgument = false
      continue
    }
    inArgument = true
    if (char === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new ArgumentsError('a single quote is not closed')
      current += text.slice(i + 1, end)
      i = end
    } else if (char === '"') {
      i++
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
          i++
          if (text[i] !== '\n') current += text[i]
        } else current += text[i]
      }
      if (i >= text.length) throw new ArgumentsError('a double quote is not closed')
    } else if (char === '\\') {
      if (i + 1 >= text.length) throw new ArgumentsError('it ends with a lone backslash')
      i++
      // A backslash before a line break joins the lines, as in a shell.
      if (text[i] === '\n') inArgument = current !== ''
      else current += text[i]
    } else if ('$`|&;<>()'.includes(char)) {
      throw new ArgumentsError(`'${char}' would mean something to a shell, but no shell runs these arguments: quote it to pass it on`)
    } else current += char
  }
  if (inArgument) args.push(current)
  return args
}

export class ArgumentsError extends Error {
  constructor(problem: string) {
    super(problem)
    this.name = 'ArgumentsError'
  }
}
