import { run } from './main.js'

await run()
// Requests abandoned on a timeout or cancel must not keep the step alive.
process.exit()
