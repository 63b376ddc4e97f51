/**
 * "trainlint: Show Rule Documentation" (also the "Show documentation for TLxxx" quick fix): the
 * rule's page from the text bundled with the server, opened in VS Code's Markdown preview. Offline:
 * the page is a virtual document (`trainlint-docs:/TL001.md`), never a web page.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RuleDocsRequest, type RuleDocsResult } from '../../server/src/lsp/protocol';

export const DOCS_SCHEME = 'trainlint-docs';

export function registerRuleDocs(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.LogOutputChannel): void {
  const pages = new Map<string, string>();
  const fetchPage = async (code: string): Promise<RuleDocsResult> => {
    const c = client();
    if (!c?.isRunning()) return { error: 'the trainlint language server is not running (see "trainlint: Show Output"; "trainlint: Restart Server" starts it)' };
    return c.sendRequest<RuleDocsResult>(RuleDocsRequest, { code });
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, {
      provideTextDocumentContent: (uri) => pages.get(uri.path.replace(/^\//, '').replace(/\.md$/, '')) ?? '',
    }),
    vscode.commands.registerCommand('trainlint.showRuleDocumentation', async (code?: string) => {
      code ??= await vscode.window.showInputBox({ prompt: 'trainlint rule code or name', placeHolder: 'TL001 or seq2seq-collator-without-labels' });
      if (!code) return undefined;
      let result: RuleDocsResult;
      try {
        result = await fetchPage(code);
      } catch (e) {
        result = { error: `the server did not answer (${(e as Error).message})` };
      }
      if ('error' in result) {
        output.warn(`Show documentation for ${code}: ${result.error}`);
        void vscode.window.showWarningMessage(`trainlint: cannot show the documentation of ${code}: ${result.error}`, 'Show Output')
          .then((pick) => pick && output.show(true));
        return result;
      }
      pages.set(result.code, result.markdown);
      const uri = vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${result.code}.md` });
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch (e) {
        // No Markdown preview (disabled built-in extension): show the Markdown source instead.
        output.info(`Markdown preview unavailable (${(e as Error).message}); opening the documentation as text`);
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
      }
      return { code: result.code, name: result.name, uri: uri.toString() };
    }),
  );
}
