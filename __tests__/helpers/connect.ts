import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A fresh tool cache and the inputs that start the fake client from `downloadUrl`. */
export function connectClientSetup(downloadUrl: string) {
  const toolCache = mkdtempSync(path.join(tmpdir(), 'autify-tool-cache-'))
  return {
    toolCache,
    env: { RUNNER_TOOL_CACHE: toolCache },
    inputs: { 'autify-connect-client': 'true', 'autify-connect-client-download-url': downloadUrl },
    /** Processes started from this tool cache that are still running (Linux, from /proc). */
    clients: () => clientProcesses(toolCache),
    remove: () => rmSync(toolCache, { recursive: true, force: true })
  }
}

export function clientProcesses(toolCache: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      const status = readFileSync(`/proc/${entry}/status`, 'utf8')
      if (cmdline.includes(toolCache) && !/^State:\s+Z/m.test(status)) pids.push(Number(entry))
    } catch {
      // Gone while we looked.
    }
  }
  return pids
}

/** Kills what a failed test left running, so no fake client outlives the test run. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('Timed out waiting for a condition')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * Sends the action SIGTERM once `ready()` holds (checked every 25 ms, for at most 20 s), as the
 * runner does on a cancel; `elapsed()` is how long it took to exit after the signal (NaN if never sent).
 */
export function sigtermWhen(ready: () => boolean, beforeSignal?: () => void) {
  let signalledAt = 0
  let exitedAt = 0
  return {
    onSpawn: (child: ChildProcess) => {
      void waitFor(ready, 20_000).then(() => {
        beforeSignal?.()
        signalledAt = Date.now()
        child.kill('SIGTERM')
      })
      child.on('exit', () => (exitedAt = Date.now()))
    },
    signalled: () => signalledAt > 0,
    elapsed: () => (signalledAt > 0 ? exitedAt - signalledAt : NaN)
  }
}
