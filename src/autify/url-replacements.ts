import type { UrlReplacement } from '../settings/settings.js'
import { AFTER_CANCEL } from '../time-budget.js'
import type { AutifyClient } from './client.js'
import { errorMessage } from '../util/error-message.js'

/**
 * URL replacements added to a test plan for one run. A test plan has no per-run replacements, so
 * they are created on the plan just before it starts and must be deleted in every outcome: they
 * apply to everyone who runs the plan while they exist.
 */
export class TemporaryUrlReplacements {
  private readonly created: number[] = []

  constructor(
    private readonly client: AutifyClient,
    private readonly testPlanId: number,
    /** Once the job is cancelled, deletes get only a short time each. */
    private readonly cancelSignal?: AbortSignal
  ) {}

  get count(): number {
    return this.created.length
  }

  async add(replacements: readonly UrlReplacement[]): Promise<void> {
    for (const replacement of replacements) {
      try {
        const made = await this.client.createUrlReplacement(this.testPlanId, replacement.patternUrl, replacement.replacementUrl)
        this.created.push(made.id)
      } catch (error) {
        await this.adoptPossiblyCreated(replacement)
        throw error
      }
    }
  }

  /** Deletes every replacement created. Resolves to warnings about any that could not be deleted. */
  release(): Promise<string[]> {
    return this.deleteAll(this.cancelSignal?.aborted ? AFTER_CANCEL.cleanUpRequestMs : undefined)
  }

  /**
   * A create that failed after reaching Autify may still have made the replacement: find it so it
   * is deleted with the others (an identical replacement someone else added at the same moment
   * would be deleted too).
   */
  private async adoptPossiblyCreated(replacement: UrlReplacement): Promise<void> {
    try {
      const existing = await this.client.listUrlReplacements(this.testPlanId)
      for (const item of existing) {
        if (
          item.pattern_url === replacement.patternUrl &&
          item.replacement_url === replacement.replacementUrl &&
          !this.created.includes(item.id)
        ) {
          this.created.push(item.id)
        }
      }
    } catch {
      // Nothing more can be learnt; the create's own error is the one to report.
    }
  }

  private async deleteAll(timeoutMs?: number): Promise<string[]> {
    const outcomes = await Promise.allSettled(this.created.map((id) => this.client.deleteUrlReplacement(this.testPlanId, id, timeoutMs)))
    return outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected'
        ? [
            `Could not delete temporary URL replacement ${this.created[index]} from test plan ${this.testPlanId}: ${errorMessage(outcome.reason)} Delete it in Autify (test plan settings → URL replacements), or it applies to every later run of the plan.`
          ]
        : []
    )
  }
}
