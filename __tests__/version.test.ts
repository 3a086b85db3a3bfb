import { expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ACTION_VERSION, USER_AGENT } from '../src/version.js'

it('the User-Agent carries the version in package.json', () => {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  expect(ACTION_VERSION).toBe(version)
  expect(USER_AGENT).toBe(`autify-web-test-action/${version}`)
})
