/* global FAKE_CONNECT */
/**
 * A fake Autify Connect Client for tests and the demo. The Autify simulator packages it as Autify
 * packages the real one (`autifyconnect_<os>_<arch>.tar.gz` holding `autifyconnect`), with
 * `FAKE_CONNECT = { server, version }` written above this text. Like the real client it prints its
 * version on stderr, reads its key from AUTIFY_CONNECT_KEY, logs JSON lines with
 * `--log-format json` and serves `--debug-server-port` (`GET /status`, `POST /terminate`). It
 * "connects" by telling the simulator, which answers how to behave (ready after a delay, exit
 * early, never become ready, hang) and, through a heartbeat, when to reconnect or die.
 */
'use strict'
const http = require('node:http')

const args = process.argv.slice(2)
if (args.includes('--version')) {
  process.stderr.write(`Autify Connect version ${FAKE_CONNECT.version}, build fake000\n`)
  process.exit(0)
}

const option = (name) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const json = option('--log-format') === 'json'
const log = (level, msg) => {
  const line = json ? JSON.stringify({ level, ts: new Date().toISOString(), msg }) : `${level.toUpperCase()} ${msg}`
  process.stdout.write(`${line}\n`)
}

const key = process.env.AUTIFY_CONNECT_KEY
let status = 'starting'
let message = 'Connecting to Autify'
let behaviour = null
let exiting = false

const post = (path) =>
  fetch(`${FAKE_CONNECT.server}/fake-autify-connect/${path}`, {
    method: 'POST',
    headers: { 'x-autify-connect-key': key ?? '' },
    signal: AbortSignal.timeout(2000)
  })

async function exit(code) {
  if (exiting) return
  exiting = true
  await post('disconnect').catch(() => undefined)
  process.exit(code)
}

const debugServer = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/status') {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ status, message }))
  } else if (req.method === 'POST' && req.url === '/terminate') {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{}')
    if (behaviour?.mode === 'hang') return log('info', 'Terminate requested; ignoring it')
    log('info', 'Terminate requested; shutting down')
    void exit(0)
  } else {
    res.writeHead(404)
    res.end()
  }
})

process.on('SIGTERM', () => {
  if (behaviour?.mode === 'hang') return log('info', 'SIGTERM received; ignoring it')
  log('info', 'SIGTERM received; shutting down')
  void exit(0)
})
process.on('SIGINT', () => void exit(0))

async function main() {
  log('info', `Autify Connect Client ${FAKE_CONNECT.version} (fake) starting`)
  const port = Number(option('--debug-server-port') ?? 0)
  await new Promise((resolve) => debugServer.listen(port, '127.0.0.1', resolve))
  log('info', `Debug server listening on 127.0.0.1:${debugServer.address().port}`)
  if (!key) {
    log('error', 'AUTIFY_CONNECT_KEY is not set')
    return exit(1)
  }
  const answer = await post('connect')
  if (!answer.ok) {
    log('error', `Failed to connect: the server refused the key (HTTP ${answer.status})`)
    return exit(1)
  }
  behaviour = await answer.json()
  log('info', `Authenticated as access point ${behaviour.name}`)
  if (behaviour.logKey) log('debug', `Using key ${key}`)
  if (behaviour.mode === 'exit-early') {
    setTimeout(() => {
      log('error', 'Failed to establish the tunnel: connection refused by the relay')
      void exit(3)
    }, behaviour.readyAfterMs)
  } else if (behaviour.mode === 'normal') {
    setTimeout(() => {
      status = 'ready'
      message = 'Connected'
      log('info', 'Successfully connected to Autify')
    }, behaviour.readyAfterMs)
  } else {
    setInterval(() => log('warn', 'Still connecting: the relay does not answer'), 500)
  }
  setInterval(heartbeat, 100)
}

async function heartbeat() {
  const answer = await post('heartbeat').catch(() => null)
  if (!answer?.ok) return
  const { command, ms } = await answer.json()
  if (command === 'die' && !exiting) {
    log('error', 'Lost the tunnel to Autify: the relay closed the connection')
    process.exit(2)
  }
  if (command === 'reconnect' && status === 'ready') {
    status = 'reconnecting'
    message = 'Reconnecting to Autify'
    log('warn', 'Connection lost; reconnecting')
    setTimeout(() => {
      status = 'ready'
      message = 'Connected'
      log('info', 'Successfully reconnected to Autify')
    }, ms)
  }
}

main().catch((error) => {
  log('error', String(error?.message ?? error))
  void exit(1)
})
