import { CompletionItem, CompletionItemKind, Diagnostic, DiagnosticSeverity, Hover, InsertTextFormat, MarkupKind } from 'vscode-languageserver/node';
import type { CompletionItem as CoreCompletionItem } from '../core/completion';
import type { Finding, Severity } from '../core/findings';
import type { HoverResult } from '../core/hover';

/** Core results to LSP shapes. */

export const DIAGNOSTIC_SOURCE = 'zk-ensemble';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, uriOf: (path: string) => string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: uriOf(r.path), range: r.range }, message: r.message }));
  }
  return diagnostic;
}

export function toHover(result: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range };
}

const COMPLETION_KINDS: Record<CoreCompletionItem['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

/** Snippets become plain text with their placeholders' defaults for clients without snippet support. */
export function toCompletionItem(item: CoreCompletionItem, snippetSupport: boolean): CompletionItem {
  const asSnippet = item.kind === 'snippet' && snippetSupport;
  const newText = item.kind === 'snippet' && !snippetSupport ? snippetAsPlainText(item.insertText) : item.insertText;
  return {
    label: item.label,
    kind: COMPLETION_KINDS[item.kind],
    detail: item.detail,
    documentation: item.documentation === undefined ? undefined : { kind: MarkupKind.Markdown, value: item.documentation },
    insertTextFormat: asSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: item.replace, newText },
  };
}

function snippetAsPlainText(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}
