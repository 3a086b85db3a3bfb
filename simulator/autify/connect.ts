import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { repositoryRoot } from '../run-action.js'

/** How the fake client behaves once it has connected; tests change `AutifySimulator.connectClient`. */
export interface FakeClientBehaviour {
  /**
   * `normal`: ready after `readyAfterMs`. `exit-early`: logs an error and exits 3 after it.
   * `never-ready`: stays `starting`. `hang`: stays `starting` and ignores `/terminate` and SIGTERM.
   */
  mode: 'normal' | 'exit-early' | 'never-ready' | 'hang'
  readyAfterMs: number
  /** Dies (exit 2, "lost the tunnel") this long after a run through its access point starts. */
  dieAfterRunStartMs?: number
  /** Reconnects (for `reconnectForMs`) this long after a run through its access point starts. */
  reconnectAfterRunStartMs?: number
  reconnectForMs?: number
  /** Logs its key (`debug`), so tests can see the action redact it. */
  logKey?: boolean
  /** What `--version` reports; default: the version in the download path. */
  reportVersion?: string
}

export interface SimAccessPoint {
  name: string
  key: string
  createdAt: number
  /** Last heartbeat of a fake client connected with its key; null when none is connected. */
  lastSeen: number | null
  /** The same on the wall clock: the fake client beats in real time, whatever the simulator's time. */
  lastSeenWall: number | null
  /** When a run through it started, for `dieAfterRunStartMs` and `reconnectAfterRunStartMs`. */
  runStartedAt: number | null
  /** When the simulator told its client to die (then it is disconnected). */
  killedAt: number | null
  reconnectSent: boolean
}

/** A fake client that sent no heartbeat for this long is disconnected. */
const HEARTBEAT_TIMEOUT_MS = 600

/**
 * Autify Connect in the simulator: access points, which of them a fake client is connected to,
 * and the fake client's archives (built on first request from `fake-connect-client.cjs`).
 */
export class ConnectSimulation {
  readonly accessPoints = new Map<string, SimAccessPoint>()
  /** Every access point ever created, by name (deleted ones included), for assertions. */
  readonly created: string[] = []
  behaviour: FakeClientBehaviour = { mode: 'normal', readyAfterMs: 300 }
  private readonly archives = new Map<string, Buffer>()
  private workDir: string | null = null

  constructor(private readonly now: () => number) {}

  create(name: string): SimAccessPoint | null {
    if (this.accessPoints.has(name)) return null
    // Recorded keys are 30 characters.
    const accessPoint = {
      name,
      key: randomBytes(15).toString('hex'),
      createdAt: this.now(),
      lastSeen: null,
      lastSeenWall: null,
      runStartedAt: null,
      killedAt: null,
      reconnectSent: false
    }
    this.accessPoints.set(name, accessPoint)
    this.created.push(name)
    return accessPoint
  }

  delete(name: string): boolean {
    return this.accessPoints.delete(name)
  }

  /** Alive by its heartbeats on the wall clock, so a simulator on virtual time does not see it silent. */
  isConnected(accessPoint: SimAccessPoint): boolean {
    return (
      accessPoint.killedAt === null && accessPoint.lastSeenWall !== null && Date.now() - accessPoint.lastSeenWall < HEARTBEAT_TIMEOUT_MS
    )
  }

  /** A sign of life from the fake client of `accessPoint`. */
  seen(accessPoint: SimAccessPoint): void {
    accessPoint.lastSeen = this.now()
    accessPoint.lastSeenWall = Date.now()
  }

  /** When the client of `name` stopped being connected (null while it is, or never was). */
  disconnectedAt(name: string): number | null {
    const accessPoint = this.accessPoints.get(name)
    if (!accessPoint || accessPoint.lastSeen === null) return null
    if (accessPoint.killedAt !== null) return accessPoint.killedAt
    return this.isConnected(accessPoint) ? null : accessPoint.lastSeen + HEARTBEAT_TIMEOUT_MS
  }

  byKey(key: string | undefined): SimAccessPoint | undefined {
    return [...this.accessPoints.values()].find((a) => a.key === key)
  }

  /** What the fake client should do now, answered to its heartbeat. */
  heartbeat(accessPoint: SimAccessPoint): { command: 'stay' | 'die' | 'reconnect'; ms?: number } {
    if (accessPoint.killedAt !== null) return { command: 'die' }
    this.seen(accessPoint)
    const since = accessPoint.runStartedAt === null ? null : this.now() - accessPoint.runStartedAt
    const { dieAfterRunStartMs, reconnectAfterRunStartMs, reconnectForMs } = this.behaviour
    if (since !== null && dieAfterRunStartMs !== undefined && since >= dieAfterRunStartMs) {
      accessPoint.killedAt = this.now()
      return { command: 'die' }
    }
    if (since !== null && reconnectAfterRunStartMs !== undefined && since >= reconnectAfterRunStartMs && !accessPoint.reconnectSent) {
      accessPoint.reconnectSent = true
      return { command: 'reconnect', ms: reconnectForMs ?? 1000 }
    }
    return { command: 'stay' }
  }

  /** The archive Autify publishes at `<version>/autifyconnect_<os>_<arch>.<ext>`, holding the fake. */
  archive(version: string, file: string, serverOrigin: string): Buffer | null {
    const match = /^autifyconnect_(linux|darwin|windows)_(amd64|arm64|386)\.(tar\.gz|zip)$/.exec(file)
    if (!match || !/^v\d+\.\d+\.\d+/.test(version)) return null
    const reported = this.behaviour.reportVersion ?? version
    const cacheKey = `${reported}/${file}`
    const cached = this.archives.get(cacheKey)
    if (cached) return cached
    this.workDir ??= mkdtempSync(path.join(tmpdir(), 'fake-autifyconnect-'))
    const dir = mkdtempSync(path.join(this.workDir, 'build-'))
    const executable = match[1] === 'windows' ? 'autifyconnect.exe' : 'autifyconnect'
    const source = readFileSync(path.join(repositoryRoot(), 'simulator', 'autify', 'fake-connect-client.cjs'), 'utf8')
    const script = `#!/usr/bin/env node\nconst FAKE_CONNECT = ${JSON.stringify({ server: serverOrigin, version: reported })}\n${source}`
    writeFileSync(path.join(dir, executable), script)
    chmodSync(path.join(dir, executable), 0o755)
    const archive =
      match[3] === 'zip'
        ? zipOne(executable, Buffer.from(script))
        : (execFileSync('tar', ['-czf', '-', '-C', dir, executable], { maxBuffer: 16 * 1024 * 1024 }) as Buffer)
    this.archives.set(cacheKey, archive)
    return archive
  }

  dispose(): void {
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true })
  }
}

/** A zip archive of one file, deflated, as Windows' client archive is (no `zip` command needed). */
function zipOne(name: string, data: Buffer): Buffer {
  const compressed = deflateRawSync(data)
  const crc = crc32(data)
  const fileName = Buffer.from(name)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(compressed.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(0x031e, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(compressed.length, 20)
  central.writeUInt32LE(data.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38)
  const centralOffset = local.length + fileName.length + compressed.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + fileName.length, 12)
  end.writeUInt32LE(centralOffset, 16)
  return Buffer.concat([local, fileName, compressed, central, fileName, end])
}
