/**
 * What a test's code writes straight to stdout through @actions/core (`::add-mask::` from
 * `addSecret`), held for the test to read instead of printed into the suite's output.
 */
import { jest } from '@jest/globals'

export async function heldStdout(work: () => unknown): Promise<string> {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  try {
    await work()
    return write.mock.calls.map((call) => String(call[0])).join('')
  } finally {
    write.mockRestore()
  }
}
