#!/usr/bin/env node
// npm run package: builds zk-ensemble-<version>.vsix in the repository root.
//
// The extension keeps its paths (`main` = out/client/src/extension.js, the server at out/server/src/lsp/main.js,
// as F5 and the tests use them), but in the .vsix each of the two is one esbuild bundle of tsc's output with its
// npm dependencies inside: no node_modules, no source maps, no tests, no CLI. The bundles and the static
// contributions are staged in a temp folder, where .vscodeignore (a whitelist) has the last word, and vsce (with
// Node 24, from the tools folder) packs that folder.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE } from './bundle.mjs';
import { ensureJsTools, ensureNode24 } from './lib/tools.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));

/** tsc's outputs that run in the editor: the extension and the language server it spawns. */
const BUNDLES = ['out/client/src/extension.js', 'out/server/src/lsp/main.js'];
/** Files taken as they are (globs of one level, relative to the repo). */
const STATIC = ['README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt', '.vscodeignore', 'language-configuration.json', 'images/icon.png', 'resources/*', 'syntaxes/*.json', 'snippets/*.json', 'docs/*.png'];

/** Builds the .vsix from tsc's output (build first) and returns its path. */
export async function packageVsix() {
  for (const bundle of BUNDLES) {
    if (!fs.existsSync(path.join(repo, bundle))) fail(`${bundle} is missing: build first (npm run build)`);
  }

  const node24 = ensureNode24();
  const tools = ensureJsTools();
  const esbuild = createRequire(import.meta.url)('esbuild');

  const started = Date.now();
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-vsix-'));
  try {
    for (const pattern of STATIC) {
      for (const file of expand(pattern)) {
        fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
        fs.copyFileSync(path.join(repo, file), path.join(stage, file));
      }
    }

    // The manifest without what only the repository needs: the bundles carry the dependencies, and the .vsix
    // has neither the CLI nor the scripts.
    const { scripts: _scripts, devDependencies: _dev, dependencies: _deps, bin: _bin, ...shipped } = manifest;
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(shipped, null, 2)}\n`);

    const result = await esbuild.build({
      entryPoints: Object.fromEntries(BUNDLES.map((b) => [b.replace(/\.js$/, ''), path.join(repo, b)])),
      outdir: stage,
      // Node 20, as the oldest VS Code the manifest allows (1.91) runs extensions on.
      ...NODE_BUNDLE,
      external: ['vscode'],
      // Whitespace and syntax only: stack traces in the output channel keep their names.
      minifyWhitespace: true,
      minifySyntax: true,
      metafile: true,
    });
    for (const [output, info] of Object.entries(result.metafile.outputs)) {
      const inputs = Object.keys(info.inputs);
      const packages = new Set(inputs.filter((i) => i.includes('node_modules/')).map((i) => i.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')));
      console.log(`bundled ${path.relative(stage, output)}: ${kib(info.bytes)} from ${inputs.length} modules (npm: ${[...packages].sort().join(', ') || 'none'})`);
    }

    const out = path.join(repo, `${manifest.name}-${manifest.version}.vsix`);
    const vsce = (args) =>
      spawnSync(node24.node, [tools.vsce, ...args], { cwd: stage, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(node24.node)}${path.delimiter}${process.env.PATH}` } });
    // No `repository` in the manifest (yet): README links stay relative instead of pointing at a guessed host.
    const flags = ['--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', ...(expand('LICENSE*').length === 0 ? ['--skip-license'] : [])];
    const packed = vsce(['package', ...flags, '--out', out]);
    if (packed.status !== 0) fail(`vsce package failed:\n${packed.stdout}${packed.stderr}`);
    const warnings = `${packed.stdout}${packed.stderr}`.split('\n').filter((l) => /WARNING/.test(l));
    if (warnings.length > 0) console.log(warnings.join('\n'));
    const entries = zipEntries(out);
    console.log(`${path.relative(process.cwd(), out) || out}: ${kib(fs.statSync(out).size)}, ${entries.length} entries, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const entry of entries) console.log(`  ${entry.name.padEnd(44)} ${kib(entry.size).padStart(11)}`);
    return out;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await packageVsix();

function expand(pattern) {
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  const regex = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  const abs = path.join(repo, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isFile() && regex.test(e.name))
    .map((e) => path.posix.join(dir === '.' ? '' : dir, e.name));
}

/** Names and uncompressed sizes from a zip's central directory (a .vsix is a zip). */
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) fail(`${file} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    entries.push({ size: zip.readUInt32LE(offset + 24), name: zip.toString('utf8', offset + 46, offset + 46 + nameLength) });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function fail(message) {
  throw new Error(message);
}
