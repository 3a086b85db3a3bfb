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

function usesLine(github: GitHubContext): number {
  if (!github.workflowPath || !github.actionRepository) return 1
  try {
    const lines = readFileSync(path.join(github.workspace, github.workflowPath), 'utf8').split(/\r?\n/)
    const needle = `uses: ${github.actionRepository}`.toLowerCase()
    const index = lines.findIndex((line) => line.toLowerCase().includes(needle))
    return index >= 0 ? index + 1 : 1
  } catch {
    return 1
  }
}
