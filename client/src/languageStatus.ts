/**
 * The language status item of zoo.cfg, myid and compose files: which node of which ensemble the file
 * belongs to, and how many problems it has. The text comes from the pure model (`describeFile`).
 */
import * as vscode from 'vscode';
import { corePath, diagnosticsOf, type EnsemblesView } from './ensemblesView';
import { describeFile } from './tree/model';

export const REVEAL_COMMAND = 'zookeeper.revealInEnsembles';

export function createLanguageStatus(selector: vscode.DocumentSelector, view: EnsemblesView): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('zookeeper.node', selector);
  item.name = 'ZooKeeper Node';
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.uri.scheme !== 'file') return;
    const description = describeFile(view.ensembles, corePath(document.uri), diagnosticsOf(corePath(document.uri)));
    item.text = `$(server) ${description.text}`;
    item.detail = description.detail;
    item.severity = { error: vscode.LanguageStatusSeverity.Error, warning: vscode.LanguageStatusSeverity.Warning, information: vscode.LanguageStatusSeverity.Information }[description.severity];
    item.command = description.itemId ? { command: REVEAL_COMMAND, title: 'Show in Ensembles', arguments: [description.itemId] } : undefined;
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics(update),
    view.onDidChangeTreeData(update),
  );
}
