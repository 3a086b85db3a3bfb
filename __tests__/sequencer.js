/**
 * Jest's order, with one addition for a run without timings (a fresh clone): test files whose
 * docblock says `@waits-real-time` (their runs take real time: processes, the action's own time
 * limits) start early, each beside a file that keeps the CPU busy meanwhile, so no worker is left
 * starting a half-minute file when the others are done. With timings from an earlier run, Jest's
 * own order (failed first, then slowest first) is kept.
 */
import { readFileSync } from 'node:fs'
import Sequencer from '@jest/test-sequencer'

const TAG = /^\s*\*\s*@waits-real-time\b/m

function waitsRealTime(path) {
  const head = readFileSync(path, 'utf8').slice(0, 2000)
  const docblock = /^\/\*\*[\s\S]*?\*\//.exec(head)
  return docblock !== null && TAG.test(docblock[0])
}

export default class RealTimeFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    if (sorted.every((test) => test.duration != null)) return sorted
    const waiting = sorted.filter((test) => test.duration == null && waitsRealTime(test.path))
    const busy = sorted.filter((test) => !waiting.includes(test))
    const interleaved = []
    while (waiting.length > 0 || busy.length > 0) interleaved.push(...waiting.splice(0, 1), ...busy.splice(0, 1))
    return interleaved
  }
}
