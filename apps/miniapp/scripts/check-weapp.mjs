// Runs WeChat DevTools' compiler and code-quality audit (代码质量) on dist/weapp, offline, via miniprogram-ci.
// Fails (exit 1) when compilation fails, the main package exceeds 2 MB, or any audit item fails.
// Usage: pnpm build:weapp && pnpm check:weapp   (or: node scripts/check-weapp.mjs <other weapp build>)
import { createRequire } from 'node:module';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ci = require('miniprogram-ci');

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const projectPath = resolve(process.argv[2] ?? join(appRoot, 'dist', 'weapp'));

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const failures = [];

// What each audit item requires; miniprogram-ci's own `text` states the failure, which reads oddly next to ✓.
const auditLabels = {
  PACKAGE_SIZE_LIMIT: 'main package < 1.5 MB',
  JS_COMPRESS_OPEN: 'JS compression on',
  WXML_COMPRESS_OPEN: 'WXML compression on',
  WXSS_COMPRESS_OPEN: 'WXSS compression on',
  LAZYCODE_LOADING_OPEN: 'lazyCodeLoading on',
  IMAGE_AND_AUDIO_LIMIT: 'images and audio ≤ 200 KB each',
  CONTAINS_OTHER_PKG_JS: 'no main-package JS used only by subpackages',
  CONTAINS_OTHER_PKG_COMPONENTS: 'no main-package components used only by subpackages',
  CONTAINS_UNUSED_PLUGINS: 'no unused plugins',
  CONTAINS_UNUSED_COMPONENTS: 'no unused components',
  CONTAINS_UNUSED_CODES: 'no files that nothing depends on',
};
// Lists that must be empty whatever `success` says (some items pass on project settings alone).
const mustBeEmpty = (detail) => {
  if (Array.isArray(detail)) return detail;
  if (detail && Array.isArray(detail.files)) return detail.files;
  return [];
};

if (!existsSync(join(projectPath, 'app.json'))) {
  console.error(`No weapp build at ${projectPath}: run \`pnpm build:weapp\` first.`);
  process.exit(1);
}

const projectConfig = JSON.parse(readFileSync(join(projectPath, 'project.config.json'), 'utf8'));
const appid = /^wx[0-9a-f]{16}$/i.test(projectConfig.appid ?? '') ? projectConfig.appid : 'wx0000000000000000';

// miniprogram-ci wants a signing key even offline; any RSA key will do since nothing is uploaded.
const workDir = mkdtempSync(join(tmpdir(), 'linli-weapp-check-'));
const privateKeyPath = join(workDir, 'private.key');
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
writeFileSync(privateKeyPath, privateKey);

const project = new ci.Project({
  appid,
  type: 'miniProgram',
  projectPath,
  privateKeyPath,
  ignores: ['node_modules/**/*'],
});
// Local project attributes skip the online look-up WeChat's servers would answer.
project._attr = { ...ci.DefaultProjectAttr };

const appJson = JSON.parse(readFileSync(join(projectPath, 'app.json'), 'utf8'));
const subpackageRoots = (appJson.subpackages ?? appJson.subPackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
const inSubpackage = (file) => subpackageRoots.some((root) => file.startsWith(root));

try {
  console.log(`miniprogram-ci ${require('miniprogram-ci/package.json').version}: compiling ${projectPath}`);
  const started = Date.now();
  let compiled;
  try {
    compiled = await ci.getCompiledResult(
      { project, setting: { es6: true }, onProgressUpdate: () => {} },
      join(workDir, 'compiled.zip'),
    );
  } catch (error) {
    console.error('✗ compilation failed:', error?.message ?? error);
    rmSync(workDir, { recursive: true, force: true });
    process.exit(1);
  }
  const files = Object.entries(compiled);
  const sizeOf = (content) => (typeof content === 'string' ? Buffer.byteLength(content) : content.length);
  const mainBytes = files
    .filter(([file]) => !inSubpackage(file))
    .reduce((sum, [, content]) => sum + sizeOf(content), 0);
  console.log(`✓ compiled ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`main package (compiled): ${mainBytes} bytes = ${kb(mainBytes)} (limit ${kb(MAIN_PACKAGE_LIMIT)})`);
  if (mainBytes > MAIN_PACKAGE_LIMIT) failures.push(`main package ${kb(mainBytes)} exceeds ${kb(MAIN_PACKAGE_LIMIT)}`);

  console.log('\ncode-quality audit (代码质量):');
  const items = await ci.checkCodeQuality(project);
  for (const item of items) {
    const leftovers = item.name === 'PACKAGE_SIZE_LIMIT' ? [] : mustBeEmpty(item.detail);
    const passed = item.success && leftovers.length === 0;
    const label = auditLabels[item.name] ?? item.text ?? item.name;
    let detail = '';
    if (item.name === 'PACKAGE_SIZE_LIMIT' && item.detail) {
      detail = ` (${Object.entries(item.detail)
        .map(([pkg, bytes]) => `${pkg}: ${bytes} bytes = ${kb(bytes)}`)
        .join(', ')})`;
    } else if (leftovers.length) {
      detail = ` ${JSON.stringify(leftovers)}`;
    }
    console.log(`  ${passed ? '✓' : '✗'} ${item.name}: ${label}${detail}`);
    if (!passed) failures.push(`audit ${item.name}: ${item.text || label}${detail}`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

// miniprogram-ci leaves a file watcher running: exit explicitly.
if (failures.length) {
  console.error(`\n✗ check:weapp failed:\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.log('\n✓ check:weapp passed');
process.exit(0);
