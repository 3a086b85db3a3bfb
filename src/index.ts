import { actionsRuntime } from './actions-runtime.js'
import { cleanUpAfterMain } from './connect/post.js'
import { run } from './main.js'
import { restoreVariablesAfterMain } from './variables/post.js'

const runtime = actionsRuntime()
// One bundle for both phases, told apart by state as actions/checkout does: the post step
// (`runs.post`) is the safety net that cleans up after a main step that could not.
if (runtime.state.read('isPost') === 'true') {
  await cleanUpAfterMain(runtime)
  await restoreVariablesAfterMain(runtime)
} else {
  runtime.state.save('isPost', 'true')
  await run(runtime)
}
// Requests abandoned on a timeout or cancel must not keep the step alive.
process.exit()
