#!/usr/bin/env node
// npm run screenshots: walks through the real UI in code-server (VS Code 1.139.1 in headless Chromium) on a copy
// of examples/seed-3-hosts, as a user would with mouse and keyboard, and saves what it shows under docs/:
//
//   screenshot-diagnostics.png  node1/zoo.cfg open at line 33, the server.2 mismatch underlined
//   screenshot-problems.png     the Problems panel listing the mismatch on node1 and node3
//   screenshot-hover.png        the hover docs of tickTime
//   screenshot-quick-fix.png    the quick-fix menu on the mismatch, "Make ensemble 'seed-3-hosts' consistent"
//   screenshot-ensembles.png    the Ensembles view: the ensemble, its nodes, their files
//   screenshot-generate.png     "ZooKeeper: Generate Ensemble..." asking for the number of nodes
//
// Each step waits for what it shows to be on screen before the picture is taken, and fails otherwise.
//   node scripts/screenshots.mjs [--vsix FILE] [--out DIR]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCodeServer, stopOnSignals } from './lib/codeServer.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { vsix: { type: 'string' }, out: { type: 'string', default: path.join(repo, 'docs') } } });
const vsix = options.vsix && path.resolve(options.vsix);
const STEP_TIMEOUT = 30_000;

let session;
stopOnSignals();
let exitCode = 0;
const started = Date.now();
try {
  if (!vsix && !fs.existsSync(path.join(repo, 'out', 'client', 'src', 'extension.js'))) throw new Error('build first (npm run build)');
  session = await startCodeServer({
    workspaceSource: path.join(repo, 'examples', 'seed-3-hosts'),
    vsix,
    viewport: { width: 1280, height: 800 },
    settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.colorTheme': 'Default Dark Modern', 'editor.fontSize': 14, 'workbench.statusBar.visible': true },
  });
  const { page } = session;
  page.setDefaultTimeout(STEP_TIMEOUT);
  const query = `folder=${encodeURIComponent(session.workspace)}`;
  // The working tree's extension is loaded as the extension under development, without a test run.
  const payload = vsix ? '' : `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', session.remote(repo)]]))}`;
  await page.goto(session.url(query + payload));
  await page.locator('.monaco-workbench .part.statusbar').waitFor();
  fs.mkdirSync(options.out, { recursive: true });
  const shot = async (name, settled) => {
    // Widgets fade in: wait until the one shown is fully opaque, and for two frames after.
    if (settled) await settled.evaluate((el) => new Promise((resolve) => {
      const check = () => (getComputedStyle(el).opacity === '1' && el.getAnimations({ subtree: true }).every((a) => a.playState !== 'running') ? requestAnimationFrame(() => requestAnimationFrame(resolve)) : requestAnimationFrame(check));
      check();
    }));
    const file = path.join(options.out, `screenshot-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`${path.relative(process.cwd(), file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);
  };

  // 1. node1/zoo.cfg through Quick Open, at line 33, once the language server has underlined the mismatch.
  await runCommand(page, 'workbench.action.quickOpen', 'node1/zoo.cfg', /zoo\.cfg\s*node1/);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'server.2=10.150.19.15' }).waitFor();
  await goToLine(page, 33);
  await editor.locator('.squiggly-error').first().waitFor();
  await page.keyboard.press('Escape');
  await shot('diagnostics');

  // 2. The Problems panel.
  await runCommand(page, '>View: Focus Problems');
  const problems = page.locator('.markers-panel');
  await problems.locator('.monaco-list-row', { hasText: 'server.2 differs between nodes' }).first().waitFor();
  await problems.locator('.monaco-list-row', { hasText: 'image-mismatch' }).first().waitFor().catch(() => {});
  await shot('problems');
  await page.keyboard.press('Control+J'); // toggles the panel
  await problems.waitFor({ state: 'hidden' });

  // 3. Hover docs of tickTime (line 2), with the mouse.
  const tickTime = editor.locator('.view-line span span', { hasText: /^tickTime$/ }).first();
  await goToLine(page, 1);
  await tickTime.waitFor();
  await tickTime.hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Basic time unit' });
  await hover.waitFor();
  await shot('hover', hover);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden' });

  // 4. The quick-fix menu on the mismatch (Ctrl+. on line 33).
  await goToLine(page, 33);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget', { hasText: "Make ensemble 'seed-3-hosts' consistent" });
  await menu.waitFor();
  await shot('quick-fix', menu);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });

  // 5. The Ensembles view (ZooKeeper in the activity bar), its first node expanded.
  await page.locator('.activitybar .action-item a[aria-label^="ZooKeeper"], .activitybar .action-item[aria-label^="ZooKeeper"]').first().click();
  const view = page.locator('.pane', { hasText: 'Ensembles' }).first();
  const ensemble = view.locator('.monaco-list-row', { hasText: 'seed-3-hosts' }).first();
  await ensemble.waitFor();
  const node = view.locator('.monaco-list-row', { hasText: 'server.1' }).first();
  await node.waitFor();
  // On its twistie: the row's inline action (Check Status) would connect to the seed's hosts.
  if ((await node.getAttribute('aria-expanded')) === 'false') await node.locator('.monaco-tl-twistie').click();
  await view.locator('.monaco-list-row', { hasText: 'docker-compose.yml' }).first().waitFor();
  // Wide enough for the descriptions (size, tolerance, problems; host and ports): drag the sidebar's edge.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  await page.mouse.move(sidebar.x + sidebar.width + 2, sidebar.y + sidebar.height / 2);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + 560, sidebar.y + sidebar.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(900, 600);
  await shot('ensembles', view);

  // 6. ZooKeeper: Generate Ensemble..., from the command palette: its first input box.
  await runCommand(page, '>ZooKeeper: Generate Ensemble...', undefined, 'ZooKeeper: Generate Ensemble');
  const inputBox = page.locator('.quick-input-widget', { hasText: 'How many nodes?' });
  await inputBox.waitFor();
  await shot('generate', inputBox);
  await page.keyboard.press('Escape');
} catch (error) {
  exitCode = 1;
  console.error(`screenshots: ${error.stack ?? error}`);
  if (session?.page) {
    const file = path.join(options.out, 'screenshot-failure.png');
    await session.page.screenshot({ path: file }).catch(() => {});
    console.error(`the screen at the failure: ${file} (not for the README; delete it)`);
  }
} finally {
  await session?.stop();
  console.log(`screenshots: ${exitCode === 0 ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(exitCode);

/**
 * Opens Quick Open (F1 for commands, whose text starts with '>') and types `text`; Enter on the entry whose label
 * holds `pick` (default: the text itself, without the '>').
 */
async function runCommand(page, command, text, pick) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  if (command === 'workbench.action.quickOpen') {
    await page.keyboard.press('Control+P');
    await input.waitFor();
    await input.fill(text);
  } else {
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(command);
  }
  const label = pick ?? (text ?? command).replace(/^>/, '');
  // A file's row reads "zoo.cfg  node1": name, then folder.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  await page.keyboard.press('Enter');
  if (command === 'workbench.action.quickOpen' || !pick) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function goToLine(page, line) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('Control+G');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}
