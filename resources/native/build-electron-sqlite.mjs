#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into resources/native/electron/, apart from the Node
// build in node_modules that the tests use (toolchain.md, item 5). Needs internet: it downloads
// a prebuilt binary for this Electron version (prebuild-install), or Electron's headers to
// compile one (node-gyp). It never touches node_modules/better-sqlite3 itself.
//
//   node resources/native/build-electron-sqlite.mjs              build (or rebuild)
//   node resources/native/build-electron-sqlite.mjs --if-missing only when absent or stale
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const require = createRequire(path.join(root, 'package.json'))
const outDir = path.join(here, 'electron')
const outFile = path.join(outDir, 'better_sqlite3.node')
const infoFile = path.join(outDir, 'build-info.json')

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const sqlitePackageDir = path.dirname(require.resolve('better-sqlite3/package.json'))
const sqliteVersion = JSON.parse(readFileSync(path.join(sqlitePackageDir, 'package.json'), 'utf8')).version
const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch }

if (process.argv.includes('--if-missing') && existsSync(outFile) && existsSync(infoFile)) {
  const have = JSON.parse(readFileSync(infoFile, 'utf8'))
  if (Object.entries(wanted).every(([key, value]) => have[key] === value)) process.exit(0)
  console.log(`Electron build of better-sqlite3 is stale (${JSON.stringify(have)}); rebuilding.`)
}

// node-gyp and prebuild-install read npm_config_*; a nodedir meant for the Node build would make
// them compile against Node's headers while calling it Electron (toolchain.md). Drop them all.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)))
const work = mkdtempSync(path.join(os.tmpdir(), 'coupondesk-electron-sqlite-'))
const copy = path.join(work, 'better-sqlite3')
cpSync(sqlitePackageDir, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}build${path.sep}`) && !source.endsWith(`${path.sep}build`) })

function run(command, args) {
  console.log(`> ${[command, ...args].join(' ')}`)
  return spawnSync(command, args, { cwd: copy, env, stdio: 'inherit' }).status === 0
}

// node-gyp is called directly, not through npm/npx, because npm would hand it the `nodedir`
// of a user .npmrc and it would build against Node's headers.
function nodeGypScript() {
  const candidates = [
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ].filter(Boolean)
  return candidates.find((candidate) => existsSync(candidate)) ?? null
}

const target = ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform]
const prebuilt = run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...target, '--tag-prefix', 'v', '--verbose'])
const gyp = prebuilt ? null : nodeGypScript()
if (!prebuilt && gyp === null) console.error('node-gyp was not found next to npm.')
const headersDir = path.join(os.homedir(), '.electron-gyp')
const built =
  prebuilt ||
  (gyp !== null &&
  run(process.execPath, [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${headersDir}`,
    `--arch=${process.arch}`,
  ]))
const binary = path.join(copy, 'build', 'Release', 'better_sqlite3.node')
if (!built || !existsSync(binary)) {
  rmSync(work, { recursive: true, force: true })
  console.error('Could not build better-sqlite3 for Electron. This step needs internet access (see README).')
  process.exit(1)
}

// Prove the binary loads under Electron's own Node before putting it in place (this also
// fetches the Electron runtime on first use). A binary built for Node's ABI fails here.
let electronBinary
try {
  electronBinary = require('electron')
} catch (error) {
  rmSync(work, { recursive: true, force: true })
  console.error(`Cannot start Electron to check the binary (${error.message}). This step needs internet access.`)
  process.exit(1)
}
const check = spawnSync(
  electronBinary,
  ['-e', `const D = require(${JSON.stringify(path.join(sqlitePackageDir, 'lib', 'index.js'))}); new D(':memory:', { nativeBinding: ${JSON.stringify(binary)} }).close(); console.log('better-sqlite3 loads in Electron', process.versions.electron)`],
  { env: { ...env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'inherit' },
)
if (check.status !== 0) {
  rmSync(work, { recursive: true, force: true })
  console.error(`The binary built for Electron ${electronVersion} does not load in it; nothing was written.`)
  process.exit(1)
}
mkdirSync(outDir, { recursive: true })
copyFileSync(binary, outFile)
writeFileSync(infoFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString(), how: prebuilt ? 'prebuilt' : 'compiled' }, null, 2)}\n`)
rmSync(work, { recursive: true, force: true })
console.log(`Wrote ${outFile}`)
