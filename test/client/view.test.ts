/**
 * The manifest side of the Ensembles view, live status and the generator: view container, menus whose
 * `viewItem` patterns match the context values the tree model produces, the Restricted Mode declaration.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildTree, type TreeItemModel } from '../../client/src/tree/model';
import type { EnsembleSummary } from '../../server/src/core/summary';
import { REPOSITORY_ROOT } from './textmate';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const commands = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));
const itemMenu: MenuItem[] = contributes.menus['view/item/context'];

/** Evaluates the `viewItem =~ /.../` part of a when clause against a context value. */
function shownFor(item: MenuItem, contextValue: string): boolean {
  const match = /viewItem =~ \/(.+)\/$/.exec(item.when ?? '');
  assert.ok(match, `${item.command}: ${item.when}`);
  return new RegExp(match[1]).test(contextValue);
}

const node = (id: number, files: string[], host: string | null): EnsembleSummary['nodes'][number] => ({
  key: `/ws/n${id}`, id, label: `n${id}`, host, clientPort: 2181, quorumPort: 2888, electionPort: 3888, role: 'participant', version: '3.8', files,
});

describe('the Ensembles view in package.json', () => {
  it('has its own activity-bar container with an SVG icon, and one view', () => {
    const [container] = contributes.viewsContainers.activitybar;
    assert.equal(container.id, 'zookeeper');
    assert.match(fs.readFileSync(path.join(REPOSITORY_ROOT, container.icon), 'utf8'), /^<svg [^>]*viewBox="0 0 24 24"/);
    assert.deepEqual(contributes.views.zookeeper.map((v: { id: string; name: string }) => [v.id, v.name]), [['zookeeper.ensembles', 'Ensembles']]);
  });

  it('welcomes an empty workspace with a Generate Ensemble button', () => {
    const welcome = contributes.viewsWelcome.find((w: { when: string }) => w.when === 'zookeeper.ensemblesLoaded');
    assert.match(welcome.contents, /\[Generate Ensemble\.\.\.\]\(command:zookeeper\.generateEnsemble\)/);
  });

  it('menus name only contributed commands; the title has refresh, generate and check status', () => {
    for (const items of Object.values(contributes.menus) as MenuItem[][]) for (const item of items) assert.ok(commands.has(item.command), item.command);
    assert.deepEqual(contributes.menus['view/title'].map((i: MenuItem) => i.command).sort(), ['zookeeper.checkStatus', 'zookeeper.generateEnsemble', 'zookeeper.refreshEnsembles']);
  });

  it('shows each context-menu entry exactly where the model says it applies', () => {
    const ensembles: EnsembleSummary[] = [
      {
        key: 'e', name: 'e', participants: 2, faultTolerance: 0,
        nodes: [node(1, ['/ws/n1/zoo.cfg', '/ws/n1/myid'], '10.0.0.1'), node(2, ['/ws/docker-compose.yml'], null)],
      },
    ];
    const [ensemble] = buildTree({ ensembles, diagnostics: () => [] });
    const [withFiles, composeOnly] = ensemble.children;
    const shown = (item: TreeItemModel) => itemMenu.filter((m) => m.group !== 'inline' && shownFor(m, item.contextValue)).map((m) => m.command);
    assert.deepEqual(shown(ensemble), ['zookeeper.openZooCfg', 'zookeeper.openMyid', 'zookeeper.openCompose', 'zookeeper.copyConnectionString', 'zookeeper.makeEnsembleConsistent', 'zookeeper.checkStatus']);
    assert.deepEqual(shown(withFiles), ['zookeeper.openZooCfg', 'zookeeper.openMyid', 'zookeeper.copyConnectionString', 'zookeeper.makeEnsembleConsistent', 'zookeeper.checkStatus']);
    assert.deepEqual(shown(composeOnly), ['zookeeper.openCompose', 'zookeeper.makeEnsembleConsistent', 'zookeeper.checkStatus']);
    assert.deepEqual(shown(withFiles.children[0]), [], 'files open by a click, no menu');
  });

  it('hides the commands that need a tree item from the palette', () => {
    const hidden = contributes.menus.commandPalette.filter((m: MenuItem) => m.when === 'false').map((m: MenuItem) => m.command);
    for (const command of ['zookeeper.openZooCfg', 'zookeeper.openMyid', 'zookeeper.openCompose', 'zookeeper.copyConnectionString', 'zookeeper.openFile']) assert.ok(hidden.includes(command), command);
    assert.ok(!hidden.includes('zookeeper.generateEnsemble'));
    assert.ok(!hidden.includes('zookeeper.checkStatus'));
  });

  it('declares limited support for untrusted workspaces, saying live status is off', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description, /live status is off/);
    assert.deepEqual(untrusted.restrictedConfigurations, []);
    assert.equal(contributes.configuration.properties['zookeeper.status.interval'].default, 0, 'never polls by default');
  });

  it('keeps the tree model free of vscode (its project has no types at all)', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'client/src/tree/tsconfig.json'), 'utf8'));
    assert.deepEqual(tsconfig.compilerOptions.types, []);
    for (const file of fs.readdirSync(path.join(REPOSITORY_ROOT, 'client/src/tree')).filter((f) => f.endsWith('.ts'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(REPOSITORY_ROOT, 'client/src/tree', file), 'utf8'), /from 'vscode'|require\('vscode'\)/, file);
    }
  });
});
