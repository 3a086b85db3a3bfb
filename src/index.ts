import * as core from '@actions/core'
import { cleanUpAfterMain } from './connect/post.js'
import { run } from './main.js'
import { restoreVariablesAfterMain } from './variables/post.js'

// One bundle for both phases, told apart by state as actions/checkout does: the post step
// (`runs.post`) is the safety net that cleans up after a main step that could not.
if (core.getState('isPost') === 'true') {
  await cleanUpAfterMain()
  await restoreVariablesAfterMain()
} else {
  core.saveState('isPost', 'true')
  await run()
}
// Requests abandoned on a timeout or cancel must not keep the step alive.
process.exit()
