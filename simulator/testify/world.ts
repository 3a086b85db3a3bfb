/** A check of a checklist template. */
export interface SimCheckSpec {
  /** The human-readable `checkIdentifier`. */
  identifier: string
  title?: string
  /** The plugin name, e.g. `testify_booleantestcase`. */
  type: string
  /**
   * The type `results/flat` shows, when it differs from the type the check enforces: a template
   * revised after the checklist was read, or an answer a client misreads. Produces the "wrong value
   * type" 400.
   */
  reportedType?: string
}

export interface SimTemplate {
  title: string
  sections: { title: string; checks: SimCheckSpec[] }[]
}

/** What the simulated Testify tenant holds and accepts. */
export interface TestifyWorld {
  /** The three parts of the one API key it accepts. */
  secret: string
  subject: string
  tenant: string
  /** The request headers the key parts must travel in. */
  authHeaders: { secret: string; subject: string; tenant: string }
  /** Values of `?api-version=` it serves. */
  apiVersions: string[]
  /** Checklist templates by external ID. */
  templates: Record<string, SimTemplate>
  /** Test objects that exist from the start, by external ID. */
  testObjects: string[]
  /** False: the key's user may read but not create (every POST is a 403). */
  canWrite: boolean
  /** Whether checklist answers carry `webUrl`, a link to the checklist in the web app. */
  linkChecklists: boolean
}

export const LOGICAL = 'testify_booleantestcase'
export const TEXT = 'testify_texttestcase'
export const NUMERIC = 'testify_numerictestcase'

/**
 * The template the demo publishes to: one check per scenario of Autify test plan 169500 (named as
 * the scenarios are), Logical and Text checks, and manual checks no scenario matches.
 */
export function defaultTestifyWorld(): TestifyWorld {
  return {
    secret: 'sim-testify-secret',
    subject: 'sim-testify-subject',
    tenant: 'sim-testify-tenant',
    authHeaders: { secret: 'Secret', subject: 'Subject', tenant: 'Tenant' },
    apiVersions: ['1.0', '2.0', '3.0'],
    templates: {
      'checkout-regression': {
        title: 'Checkout regression',
        sections: [
          {
            title: 'Automated: Autify for Web',
            checks: [
              { identifier: 'Sign in and see the dashboard', type: LOGICAL },
              { identifier: 'Search the catalogue', type: LOGICAL },
              { identifier: 'Add an item to the cart', type: TEXT },
              { identifier: 'Check out with a saved card', type: LOGICAL },
              { identifier: 'Apply a discount code', type: TEXT },
              { identifier: 'Change the delivery address', type: LOGICAL }
            ]
          },
          {
            title: 'Manual sign-off',
            checks: [
              { identifier: 'Exploratory testing notes', type: TEXT },
              { identifier: 'Release approved', type: 'testify_signaturecheck' }
            ]
          }
        ]
      }
    },
    testObjects: [],
    canWrite: true,
    linkChecklists: true
  }
}
