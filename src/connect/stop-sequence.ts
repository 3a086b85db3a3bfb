/** A running Autify Connect Client, as far as stopping it goes. */
export interface StoppableClient {
  debugPort: number
  /** Sends a signal; a client already gone is no error. */
  kill(signal: NodeJS.Signals): void
  /** True once the client is gone, false when it is still running after `ms`. */
  goneWithin(ms: number): Promise<boolean>
}

/**
 * Stops the client the one way both the session and the post step do: `POST /terminate` to its
 * debug server, then SIGTERM, then SIGKILL, each after the one before had `graceMs` to work.
 * Resolves to what stopped it (`terminate` or the signal), or null when it did not stop.
 */
export async function stopClient(client: StoppableClient, graceMs: number): Promise<'terminate' | NodeJS.Signals | null> {
  await fetch(`http://127.0.0.1:${client.debugPort}/terminate`, { method: 'POST', signal: AbortSignal.timeout(Math.min(graceMs, 1000)) })
    .then((response) => response.body?.cancel())
    .catch(() => undefined)
  for (const signal of [null, 'SIGTERM', 'SIGKILL'] as const) {
    if (signal) client.kill(signal)
    if (await client.goneWithin(graceMs)) return signal ?? 'terminate'
  }
  return null
}
