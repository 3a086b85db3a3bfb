import { integer, nullable, object, string } from '../util/shape.js'

/**
 * The GitHub App that made a check run (its `app`): the baseline is the check runs of this run's own
 * app. Apart from check-run.ts so that the baseline's lazy chunk does not carry the Checks API code.
 */
export const appShape = object({ id: integer, slug: nullable(string) })
export type CheckRunApp = { id: number; slug?: string | null }
