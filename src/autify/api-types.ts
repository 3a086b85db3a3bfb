/** Autify for Web API shapes, as the OpenAPI definition and the recorded exchanges show them. */

export interface ApiCapability {
  id?: number
  os?: string | null
  os_version?: string | null
  browser?: string | null
  browser_version?: string | null
  device?: string | null
  device_type?: string | null
  [key: string]: unknown
}

export interface ApiTestCaseResult {
  id: number
  test_case_id: number
  status: string
  duration?: number | null
  started_at?: string | null
  finished_at?: string | null
  project_url?: string | null
  review_needed?: number | boolean | null
}

export interface ApiCapabilityResult {
  id: number
  capability?: ApiCapability | null
  test_case_results?: ApiTestCaseResult[] | null
}

export interface ApiResult {
  id: number
  status: string
  duration?: number | null
  started_at?: string | null
  finished_at?: string | null
  created_at?: string | null
  review_needed?: boolean | null
  test_plan_capability_results?: ApiCapabilityResult[] | null
  test_plan?: { id: number; name?: string | null } | null
}

export interface ApiScenario {
  id: number
  name?: string | null
}

export interface ApiUrlReplacement {
  id: number
  test_plan_id?: number
  pattern_url: string
  replacement_url: string
}

export interface ExecuteScenariosBody {
  name?: string
  execution_type?: 'parallel' | 'sequential'
  capabilities: Record<string, unknown>[]
  scenarios: { id: number }[]
  url_replacements?: { pattern_url: string; replacement_url: string }[]
  autify_connect?: { name: string }
}

export interface ExecuteScheduleBody {
  autify_connect?: { name: string }
}
