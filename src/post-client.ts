import { AutifyClient } from './autify/client.js'
import type { Runtime } from './runtime.js'
import { addSecret } from './secrets.js'
import { readApiUrl } from './settings/read-settings.js'

/**
 * An Autify client for the post step, from the step's own inputs (the runner gives the post step
 * the same `with:`); the token is masked first. Throws an InputError on a bad `autify-api-url`.
 */
export function postStepClient(runtime: Pick<Runtime, 'input' | 'clock' | 'wall'>): { client: AutifyClient; accessToken: string } {
  const accessToken = runtime.input('access-token')
  addSecret(accessToken)
  return {
    client: new AutifyClient({ apiUrl: readApiUrl(runtime.input), accessToken, clock: runtime.clock, wall: runtime.wall }),
    accessToken
  }
}
