import { describe, expect, it } from '@jest/globals'
import { ArgumentsError, splitArguments } from '../src/connect/arguments.js'
import { describeClientLine, parseClientStatus } from '../src/connect/client-status.js'
import { clientDownloadUrl, clientPlatform, normalizeVersion, reportsVersion } from '../src/connect/platform.js'

describe('splitArguments', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['--verbose', ['--verbose']],
    ['--tunnel-proxy http://proxy:3128', ['--tunnel-proxy', 'http://proxy:3128']],
    ['  a \t b\n c  ', ['a', 'b', 'c']],
    [`--name 'my runner'`, ['--name', 'my runner']],
    [`--name "my runner"`, ['--name', 'my runner']],
    [`'it''s'`, ['its']],
    [`"it's"`, ["it's"]],
    [`'a "b" c'`, ['a "b" c']],
    [`"a \\"b\\" c"`, ['a "b" c']],
    [`"back\\\\slash"`, ['back\\slash']],
    [`"kept \\n as is"`, ['kept \\n as is']],
    [`'no \\ escapes'`, ['no \\ escapes']],
    ['one\\ arg', ['one arg']],
    ['\\"quoted\\"', ['"quoted"']],
    ["''", ['']],
    ['""', ['']],
    ['a"b"c', ['abc']],
    ['--a=1 \\\n --b=2', ['--a=1', '--b=2']],
    ['\'$HOME\' "\\$PATH" \\|', ['$HOME', '$PATH', '|']],
    ['--url=http://x.test/?a=1', ['--url=http://x.test/?a=1']]
  ])('%j → %j', (text, args) => {
    expect(splitArguments(text)).toEqual(args)
  })

  it.each([
    ["'open", 'a single quote is not closed'],
    ['"open', 'a double quote is not closed'],
    ['"ends with \\"', 'a double quote is not closed'],
    ['trailing\\', 'it ends with a lone backslash'],
    ['$HOME', "'$' would mean something to a shell"],
    ['a;b', "';' would mean something to a shell"],
    ['a | b', "'|' would mean something to a shell"],
    ['`id`', "'`' would mean something to a shell"],
    ['--x=&', "'&' would mean something to a shell"]
  ])('%j is refused: %s', (text, problem) => {
    expect(() => splitArguments(text)).toThrow(ArgumentsError)
    expect(() => splitArguments(text)).toThrow(problem)
  })
})

describe('client platform and download URL', () => {
  it.each([
    ['linux', 'x64', 'https://base.test/v/v1.1.34/autifyconnect_linux_amd64.tar.gz'],
    ['linux', 'arm64', 'https://base.test/v/v1.1.34/autifyconnect_linux_arm64.tar.gz'],
    ['linux', 'ia32', 'https://base.test/v/v1.1.34/autifyconnect_linux_386.tar.gz'],
    ['darwin', 'arm64', 'https://base.test/v/v1.1.34/autifyconnect_darwin_arm64.tar.gz'],
    ['darwin', 'x64', 'https://base.test/v/v1.1.34/autifyconnect_darwin_amd64.tar.gz'],
    ['win32', 'x64', 'https://base.test/v/v1.1.34/autifyconnect_windows_amd64.zip'],
    ['win32', 'ia32', 'https://base.test/v/v1.1.34/autifyconnect_windows_386.zip']
  ])('%s/%s → %s', (platform, arch, url) => {
    expect(clientDownloadUrl('https://base.test/v/', 'v1.1.34', clientPlatform(platform, arch)!)).toBe(url)
  })

  it('matches the Autify CLI for its default location', () => {
    expect(
      clientDownloadUrl(
        'https://autifyconnect.s3.ap-northeast-1.amazonaws.com/autifyconnect/versions/',
        'v1.1.34',
        clientPlatform('linux', 'x64')!
      )
    ).toBe('https://autifyconnect.s3.ap-northeast-1.amazonaws.com/autifyconnect/versions/v1.1.34/autifyconnect_linux_amd64.tar.gz')
  })

  it.each([
    ['aix', 'x64'],
    ['freebsd', 'x64'],
    ['linux', 's390x'],
    ['linux', 'arm'],
    ['win32', 'arm']
  ])('%s/%s has no client', (platform, arch) => {
    expect(clientPlatform(platform, arch)).toBeNull()
  })

  it.each([
    ['v1.1.34', 'v1.1.34'],
    ['1.1.34', 'v1.1.34'],
    [' v2.0.0-rc.1 ', 'v2.0.0-rc.1'],
    ['latest', null],
    ['1.1', null],
    ['v1.1.34/../x', null]
  ])('version %j → %j', (input, version) => {
    expect(normalizeVersion(input)).toBe(version)
  })

  it('checks the version the client reports', () => {
    expect(reportsVersion('Autify Connect version v1.1.34, build 1a2b3c4', 'v1.1.34')).toBe(true)
    expect(reportsVersion('Autify Connect version v1.1.345, build 1a2b3c4', 'v1.1.34')).toBe(false)
    expect(reportsVersion('Autify Connect version v1.1.3, build 1a2b3c4', 'v1.1.34')).toBe(false)
    expect(reportsVersion('', 'v1.1.34')).toBe(false)
  })
})

describe('the client debug server and log lines', () => {
  it.each([
    [
      { status: 'ready', message: 'Connected' },
      { status: 'ready', message: 'Connected' }
    ],
    [
      { status: 'starting', message: 'Connecting' },
      { status: 'starting', message: 'Connecting' }
    ],
    [
      { status: 'reconnecting', message: 'Lost it' },
      { status: 'reconnecting', message: 'Lost it' }
    ],
    [
      { status: 'READY', message: 'x' },
      { status: 'unknown', message: 'x' }
    ],
    [{ status: 'ready' }, { status: 'ready', message: '' }],
    [
      { status: 'error', message: 7 },
      { status: 'unknown', message: '' }
    ],
    [null, { status: 'unknown', message: '' }],
    [['ready'], { status: 'unknown', message: '' }],
    ['ready', { status: 'unknown', message: '' }]
  ])('status %j → %j', (body, status) => {
    expect(parseClientStatus(body)).toEqual(status)
  })

  it('reads JSON log lines, keeps other lines, and drops control characters', () => {
    expect(describeClientLine('{"level":"info","ts":"2026-12-01T00:00:00Z","msg":"Successfully connected"}')).toEqual({
      level: 'info',
      text: 'Successfully connected'
    })
    expect(describeClientLine('{"level":"WARN","msg":"slow","latency_ms":300,"nested":{"a":1}}')).toEqual({
      level: 'warn',
      text: 'slow latency_ms=300'
    })
    expect(describeClientLine('plain text line ')).toEqual({ level: 'info', text: 'plain text line' })
    expect(describeClientLine('{"not":"a log"}')).toEqual({ level: 'info', text: '{"not":"a log"}' })
    const text = describeClientLine('{"level":"info","msg":"bell\\u0007 and \\u001b[31mred"}').text
    expect(text).not.toContain('\u0007')
    expect(text).not.toContain('\u001b')
  })
})
