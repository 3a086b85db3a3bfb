/** Jest global teardown: removes the one folder every test's temporary files went under (see global setup). */
import { rmSync } from 'node:fs'

export default function globalTeardown() {
  const root = process.env.AUTIFY_ACTION_TEMP_ROOT
  if (root && process.env.AUTIFY_ACTION_TEMP_ROOT_OWNER === String(process.pid)) rmSync(root, { recursive: true, force: true })
}
