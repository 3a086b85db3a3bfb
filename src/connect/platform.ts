/** Where Autify publishes the client, and which archive fits the runner. */

/** The client version this action is tested with (the Autify CLI pins the same). */
export const PINNED_CLIENT_VERSION = 'v1.1.34'

/** Autify's published location: `<base><version>/autifyconnect_<os>_<arch>.<ext>`. */
export const DEFAULT_DOWNLOAD_URL = 'https://autifyconnect.s3.ap-northeast-1.amazonaws.com/autifyconnect/versions/'

export interface ClientPlatform {
  os: 'linux' | 'darwin' | 'windows'
  arch: 'amd64' | 'arm64' | '386'
  ext: 'tar.gz' | 'zip'
}

/** The archive for Node's `process.platform` and `process.arch`, or null when Autify publishes none. */
export function clientPlatform(platform: string, arch: string): ClientPlatform | null {
  const os = ({ linux: 'linux', darwin: 'darwin', win32: 'windows' } as const)[platform as 'linux' | 'darwin' | 'win32']
  const clientArch = ({ x64: 'amd64', arm64: 'arm64', ia32: '386' } as const)[arch as 'x64' | 'arm64' | 'ia32']
  if (!os || !clientArch) return null
  return { os, arch: clientArch, ext: os === 'windows' ? 'zip' : 'tar.gz' }
}

export function archiveName(platform: ClientPlatform): string {
  return `autifyconnect_${platform.os}_${platform.arch}.${platform.ext}`
}

export function executableName(platform: ClientPlatform): string {
  return platform.os === 'windows' ? 'autifyconnect.exe' : 'autifyconnect'
}

/** The archive's URL under a download base (which ends in `/`). */
export function clientDownloadUrl(base: string, version: string, platform: ClientPlatform): string {
  return new URL(`${encodeURIComponent(version)}/${archiveName(platform)}`, base).toString()
}

/** `v1.1.34` from `1.1.34` or `v1.1.34`; null when it is not a version. */
export function normalizeVersion(value: string): string | null {
  const match = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(value.trim())
  return match ? `v${match[1]}` : null
}

/** `autifyconnect --version` prints e.g. `Autify Connect version v1.1.34, build 1a2b3c4`. */
export function reportsVersion(versionOutput: string, version: string): boolean {
  return versionOutput.includes(`version ${version},`) || versionOutput.trim().split(/\s+/).includes(version)
}
