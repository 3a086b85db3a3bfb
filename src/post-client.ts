import * as core from '@actions/core'
import { AutifyClient } from './autify/client.js'
import { addSecret } from './secrets.js'
import { parseApiUrl } from './settings/parsers.js'
import { DEFAULT_API_URL } from './settings/read-settings.js'

/**
 * An Autify client for the post step, from the step's own inputs (the runner gives the post step
 * the same `with:`); the token is masked first. Throws an InputError on a bad `autify-api-url`.
 */
export function postStepClient(): { client: AutifyClient; accessToken: string } {
  const accessToken = core.getInput('access-token')
  addSecret(accessToken)
  const apiUrl = parseApiUrl('autify-api-url', core.getInput('autify-api-url') || DEFAULT_API_URL)
  return { client: new AutifyClient({ apiUrl, accessToken }), accessToken }
}
