import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { redact, setOutput } from '../log.js'
import type { RunReport } from '../model.js'
import { renderJUnit } from './junit.js'
import { runOutputs } from './outputs.js'

/** Appends to the step's job summary; does nothing outside a runner (no GITHUB_STEP_SUMMARY). */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(redact(markdown), true).write()
}

export async function writeJUnit(file: string, report: RunReport): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, redact(renderJUnit(report)), 'utf8')
  setOutput('junit-report', file)
}

export function setRunOutputs(report: RunReport): void {
  for (const [name, value] of Object.entries(runOutputs(report))) setOutput(name, value)
}
