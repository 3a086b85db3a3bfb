import { InputError } from './input-error.js'
import { parseApiUrl } from './parsers.js'
import type { InputReader, SettingsContext, TestifySettings } from './settings.js'

export const DEFAULT_TESTIFY_API_URL = 'https://cloud.testify.io/core/services/'
/** The public docs do not name the key headers; these are the documented names of the key's parts. */
export const DEFAULT_TESTIFY_AUTH_HEADERS = 'Secret: {secret}\nSubject: {subject}\nTenant: {tenant}'
const CHECK_IDENTIFIER_PLACEHOLDERS = ['scenario-id', 'scenario-name', 'capability']

/** Testify publishing settings, or null when publishing is off (no `testify-api-key`). */
export function readTestifySettings(read: InputReader, github: SettingsContext, warnings: string[]): TestifySettings | null {
  const secret = read('testify-api-key')
  if (!secret) {
    const stray = ['testify-checklist-template', 'testify-subject', 'testify-tenant'].find((name) => read(name))
    if (stray) {
      warnings.push(
        `Testify publishing is off: '${stray}' is set but 'testify-api-key' is empty (secrets are not passed to workflows from forks).`
      )
    }
    return null
  }
  const parts: Record<string, string> = { secret, subject: read('testify-subject'), tenant: read('testify-tenant') }
  const authHeaders = parseAuthHeaders(read('testify-auth-headers') || DEFAULT_TESTIFY_AUTH_HEADERS, parts)

  const checklistTemplate = read('testify-checklist-template')
  if (!checklistTemplate) {
    throw new InputError('testify-checklist-template', 'required when publishing to Testify: the external ID of the checklist template.')
  }
  const apiVersion = read('testify-api-version') || '2.0'
  if (!/^\d+(\.\d+)?$/.test(apiVersion)) {
    throw new InputError('testify-api-version', `expected a version such as '2.0', got '${apiVersion}'.`)
  }
  const checkIdentifier = read('testify-check-identifier') || '{scenario-name}'
  for (const [, name] of checkIdentifier.matchAll(/\{([^}]*)\}/g)) {
    if (!CHECK_IDENTIFIER_PLACEHOLDERS.includes(name)) {
      throw new InputError(
        'testify-check-identifier',
        `unknown placeholder '{${name}}'; use ${CHECK_IDENTIFIER_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`
      )
    }
  }
  return {
    apiUrl: parseApiUrl('testify-api-url', read('testify-api-url') || DEFAULT_TESTIFY_API_URL),
    apiVersion,
    authHeaders,
    checklistTemplate,
    testObject: read('testify-test-object') || defaultTestObject(github),
    checkIdentifier
  }
}

function defaultTestObject(github: SettingsContext): string {
  if (!github.repository || !github.sha) {
    throw new InputError(
      'testify-test-object',
      'required here: the default <owner>/<repo>@<short sha> needs GITHUB_REPOSITORY and GITHUB_SHA.'
    )
  }
  return `${github.repository.owner}/${github.repository.repo}@${github.sha.slice(0, 7)}`
}

/** Lines `Header-Name: value`; a value may use {secret}, {subject}, {tenant}. */
function parseAuthHeaders(text: string, parts: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(line)
    if (!match) {
      throw new InputError('testify-auth-headers', "expected lines 'Header-Name: value', e.g. 'Secret: {secret}'.")
    }
    const value = match[2].replace(/\{([^}]*)\}/g, (_, name: string) => {
      if (!(name in parts)) {
        throw new InputError('testify-auth-headers', `unknown placeholder '{${name}}'; use {secret}, {subject}, {tenant}.`)
      }
      if (!parts[name]) {
        throw new InputError(
          `testify-${name === 'secret' ? 'api-key' : name}`,
          'required when publishing to Testify: it is part of the API key.'
        )
      }
      return parts[name]
    })
    headers[match[1]] = value
  }
  if (Object.keys(headers).length === 0) throw new InputError('testify-auth-headers', 'names no header.')
  return headers
}
