// Runs WeChat DevTools' compiler and code-quality audit (代码质量) on dist/weapp, offline, via miniprogram-ci.
// Fails (exit 1) when compilation fails, the main package exceeds 2 MB, or any audit item fails.
// Usage: pnpm build:weapp && pnpm check:weapp
import { createRequire } from 'node:module'
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const ci = require('miniprogram-ci')

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const projectPath = join(appRoot, 'dist', 'weapp')

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const failures = []

if (!existsSync(join(projectPath, 'app.json'))) {
  console.error(`No weapp build at ${projectPath}: run \`pnpm build:weapp\` first.`)
  process.exit(1)
}

const projectConfig = JSON.parse(readFileSync(join(projectPath, 'project.config.json'), 'utf8'))
const appid = /^wx[0-9a-f]{16}$/i.test(projectConfig.appid ?? '') ? projectConfig.appid : 'wx0000000000000000'

// miniprogram-ci wants a signing key even offline; any RSA key will do since nothing is uploaded.
const workDir = mkdtempSync(join(tmpdir(), 'linli-weapp-check-'))
const privateKeyPath = join(workDir, 'private.key')
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})
writeFileSync(privateKeyPath, privateKey)

const project = new ci.Project({ appid, type: 'miniProgram', projectPath, privateKeyPath, ignores: ['node_modules/**/*'] })
// Local project attributes skip the online look-up WeChat's servers would answer.
project._attr = { ...ci.DefaultProjectAttr }

const appJson = JSON.parse(readFileSync(join(projectPath, 'app.json'), 'utf8'))
const subpackageRoots = (appJson.subpackages ?? appJson.subPackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
const inSubpackage = (file) => subpackageRoots.some((root) => file.startsWith(root))

try {
  console.log(`miniprogram-ci ${require('miniprogram-ci/package.json').version}: compiling ${projectPath}`)
  const started = Date.now()
  let compiled
  try {
    compiled = await ci.getCompiledResult(
      { project, setting: { es6: true }, onProgressUpdate: () => {} },
      join(workDir, 'compiled.zip'),
    )
  } catch (error) {
    console.error('✗ compilation failed:', error?.message ?? error)
    process.exit(1)
  }
  const files = Object.entries(compiled)
  const sizeOf = (content) => (typeof content === 'string' ? Buffer.byteLength(content) : content.length)
  const mainBytes = files.filter(([file]) => !inSubpackage(file)).reduce((sum, [, content]) => sum + sizeOf(content), 0)
  console.log(`✓ compiled ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  console.log(`main package (compiled): ${mainBytes} bytes = ${kb(mainBytes)} (limit ${kb(MAIN_PACKAGE_LIMIT)})`)
  if (mainBytes > MAIN_PACKAGE_LIMIT) failures.push(`main package ${kb(mainBytes)} exceeds ${kb(MAIN_PACKAGE_LIMIT)}`)

  console.log('\ncode-quality audit (代码质量):')
  const items = await ci.checkCodeQuality(project)
  for (const item of items) {
    const mark = item.success ? '✓' : '✗'
    const name = item.text || item.name
    const detail = item.detail && Object.keys(item.detail).length ? ` ${JSON.stringify(item.detail)}` : ''
    console.log(`  ${mark} [${item.name}] ${name}${detail}`)
    if (!item.success) failures.push(`audit: ${name}`)
  }
} finally {
  rmSync(workDir, { recursive: true, force: true })
}

if (failures.length) {
  console.error(`\n✗ check:weapp failed:\n  - ${failures.join('\n  - ')}`)
  process.exit(1)
}
console.log('\n✓ check:weapp passed')
