import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { AnnotationLocation } from '../report/annotations.js'
import type { GitHubContext } from './context.js'

/**
 * Annotations need a file: the workflow file, at the line of this action's `uses:` when the
 * workspace has the file checked out, else its first line.
 */
export function annotationLocation(github: GitHubContext): AnnotationLocation {
  const file = github.workflowPath ?? '.github'
  return { path: file, line: github.workflowPath ? usesLine(github) : 1 }
}

/** The step's `uses:` line: this action's repository, or `./` when a workflow runs the action from its own repository. */
function usesLine(github: GitHubContext): number {
  if (!github.workflowPath) return 1
  try {
    const lines = readFileSync(path.join(github.workspace, github.workflowPath), 'utf8').split(/\r?\n/)
    const matches = (pattern: RegExp) => lines.flatMap((line, index) => (pattern.test(line) ? [index + 1] : []))
    const ours = github.actionRepository
      ? matches(new RegExp(`uses:\\s*['"]?${github.actionRepository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(@|['"]?\\s*$)`, 'i'))
      : matches(/uses:\s*['"]?\.\/?['"]?\s*$/)
    return ours[0] ?? 1
  } catch {
    return 1
  }
}
