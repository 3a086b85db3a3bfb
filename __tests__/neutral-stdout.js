/**
 * Jest setup file: in-process tests call @actions/core, which writes workflow commands
 * (`::add-mask::`, `::warning::`) to stdout; in the project's own CI the runner would act on them.
 * Every line written to stdout that the runner would read as a command is shown quoted instead.
 * Tests that inspect what is written spy on `process.stdout.write` themselves and see it unchanged.
 */
const write = process.stdout.write.bind(process.stdout)
const neutral = (text) => text.replace(/^(\s*)::/gm, '$1> ::').replace(/##\[/g, '## [')

process.stdout.write = (chunk, ...rest) =>
  write(typeof chunk === 'string' || Buffer.isBuffer(chunk) ? neutral(String(chunk)) : chunk, ...rest)
