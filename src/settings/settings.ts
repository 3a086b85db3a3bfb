/**
 * Everything the action does is decided by this object, built and validated before any request.
 * `settings/` is a leaf: it imports only its own files and `util/` (a test checks it).
 */

/** Reads one input by name, trimmed; '' when not set. */
export type InputReader = (name: string) => string

/** What the settings need to know of the workflow run (the GitHub context has all of it). */
export interface SettingsContext {
  /** Where relative paths (`junit-report`) are resolved. */
  workspace: string
  repository: { owner: string; repo: string } | null
  /** The commit tested. */
  sha: string | null
}
import type { ClientPlatform } from './connect-platform.js'

export interface Settings {
  /** Autify personal access token (masked). */
  accessToken: string
  /** Autify API base, always ending in `/`. */
  apiUrl: string
  /** Origin of Autify's web pages: result and scenario links. */
  webUrl: string
  target: Target
  capabilities: CapabilityChoice
  executionType: 'parallel' | 'sequential' | null
  executionName: string | null
  autifyConnect: string | null
  /** Start an Autify Connect Client for the run, through an access point made for it; null when not. */
  connectClient: ConnectClientSettings | null
  urlReplacements: UrlReplacement[]
  /** Test plan variables set for the run and restored after it (test plans only); values are masked. */
  planVariables: PlanVariable[]
  wait: boolean
  timeoutMs: number
  /** Upper bound on the gap between two polls of the result. */
  intervalMs: number
  maxRetryCount: number
  /** `new`: only failures the history does not know fail the step; known ones are warnings. */
  failOn: FailOn
  github: GitHubSettings
  /** Absolute path of the JUnit XML file to write, or null for none. */
  junitReport: string | null
  testify: TestifySettings | null
}

/** What the Autify layer needs: nothing of GitHub, Testify or the report files. */
export type AutifyRunSettings = Pick<
  Settings,
  | 'webUrl'
  | 'target'
  | 'capabilities'
  | 'executionType'
  | 'executionName'
  | 'autifyConnect'
  | 'urlReplacements'
  | 'wait'
  | 'timeoutMs'
  | 'intervalMs'
  | 'maxRetryCount'
  | 'failOn'
>

/** What the step starts: scenarios or a test plan. */
/** The Autify layer once the run is known: started here, or an ExistingResult found and resolved to what it ran. */
export type KnownRunSettings = Omit<AutifyRunSettings, 'target'> & { target: RunTarget }

export type RunTarget =
  { kind: 'scenarios'; projectId: number; scenarioIds: number[] } | { kind: 'test-plan'; projectId: number; testPlanId: number }

/**
 * A run Autify already has, started elsewhere (`autify-result-url`): the step starts nothing, it
 * waits for that result and reports it. `latest-result` is the newest result of a test plan.
 */
export type ExistingResult =
  { kind: 'result'; projectId: number; resultId: number } | { kind: 'latest-result'; projectId: number; testPlanId: number }

export type Target = RunTarget | ExistingResult

export function isExistingResult(target: Target): target is ExistingResult {
  return target.kind === 'result' || target.kind === 'latest-result'
}

export type CapabilityChoice =
  /** Linux + Chrome, sent without a lookup. */
  | { kind: 'default' }
  /** The `capabilities` input: sent to Autify as given. */
  | { kind: 'explicit'; capabilities: Record<string, unknown>[] }
  /** The shorthand inputs: resolved to exactly one capability from `GET /projects/{id}/capabilities`. */
  | { kind: 'lookup'; query: CapabilityQuery }

export interface CapabilityQuery {
  os?: string
  osVersion?: string
  browser?: string
  device?: string
  deviceType?: string
}

export interface ConnectClientSettings {
  /** The version to install and to expect from `autifyconnect --version`, e.g. `v1.1.34`. */
  version: string
  /** Base of the download location, ending in `/`: `<base><version>/autifyconnect_<os>_<arch>.<ext>`. */
  downloadUrl: string
  /** The archive that fits this runner. */
  platform: ClientPlatform
  /** Passed to the client after the action's own arguments. */
  extraArguments: string[]
  /** How long the client may take to become ready. */
  startupTimeoutMs: number
}

export interface UrlReplacement {
  patternUrl: string
  replacementUrl: string
}

/** One `KEY=value` line of `test-plan-variables`. */
export interface PlanVariable {
  key: string
  value: string
}

export type AnnotationMode = 'check-run' | 'workflow-commands' | 'none'
export type FailOn = 'any' | 'new'
/** A pull-request comment: never, on every run, or only once something failed (then kept current). */
export type PrCommentMode = 'off' | 'always' | 'on-failure'
/**
 * Which test cases the job summary and the comment list: every one (passes folded), failures and
 * warnings with the passes only named, or none (the counts say enough).
 */
export type ListTests = 'all' | 'failures' | 'none'

export interface GitHubSettings {
  /** Token for the Checks API (masked); null when none was given. */
  token: string | null
  checkName: string
  annotations: AnnotationMode
  jobSummary: boolean
  prComment: PrCommentMode
  /** Annotate plain passes too (as notices); by default only failures and warnings are annotated. */
  annotatePasses: boolean
  listTests: ListTests
  /** The `pr-number` input: the pull request the comment goes to, whatever the event; null to find it. */
  pullRequest: number | null
}

export interface TestifySettings {
  /** API root, always ending in `/`. */
  apiUrl: string
  apiVersion: string
  /** The request headers that authenticate every call, placeholders already filled in. */
  authHeaders: Record<string, string>
  checklistTemplate: string
  testObject: string
  /** Pattern over `{scenario-id}`, `{scenario-name}`, `{capability}`. */
  checkIdentifier: string
}
