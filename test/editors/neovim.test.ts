import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { seedFiles } from '../seed';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The Lua snippet the README gives Neovim users, exactly as written there. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const match = /## In Neovim[\s\S]*?```lua\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, 'the README has a Lua snippet under "In Neovim"');
  return match[1];
}

/** Opens node1/zoo.cfg, waits for diagnostics on it and on node3/zoo.cfg (never opened), prints them, quits. */
const CHECK = `
vim.cmd('edit node1/zoo.cfg')
local node3 = vim.uri_to_bufnr(vim.uri_from_fname(vim.fn.getcwd() .. '/node3/zoo.cfg'))
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 and #vim.diagnostic.get(node3) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(out, 'node1/zoo.cfg ' .. d.lnum .. ' ' .. tostring(d.code)) end
for _, d in ipairs(vim.diagnostic.get(node3)) do table.insert(out, 'node3/zoo.cfg ' .. d.lnum .. ' ' .. tostring(d.code)) end
io.stdout:write(table.concat(out, '\\n') .. '\\n')
vim.cmd('qall!')
`;

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });

test('the README Neovim snippet starts the server and shows the seed mismatch', { skip: nvim.status === 0 ? false : 'nvim is not installed (apt-get install neovim)' }, () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-nvim-'));
  for (const [relative, text] of Object.entries(seedFiles())) {
    fs.mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true });
    fs.writeFileSync(path.join(workspace, relative), text);
  }
  // The snippet runs `zk-ensemble-language-server` from PATH, as after `npm install -g`.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bin-'));
  fs.symlinkSync(path.join(ROOT, 'bin', 'zk-ensemble-language-server.js'), path.join(bin, 'zk-ensemble-language-server'));
  fs.writeFileSync(path.join(bin, 'init.lua'), readmeSnippet());
  fs.writeFileSync(path.join(bin, 'check.lua'), CHECK);
  const result = spawnSync('nvim', ['--headless', '-u', path.join(bin, 'init.lua'), '-c', `luafile ${path.join(bin, 'check.lua')}`], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, XDG_STATE_HOME: bin, XDG_DATA_HOME: bin },
  });
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(bin, { recursive: true, force: true });
  assert.deepEqual(result.stdout.trim().split('\n'), ['node1/zoo.cfg 32 server-mismatch', 'node3/zoo.cfg 32 server-mismatch'], result.stderr);
});
