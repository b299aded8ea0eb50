// The Dossier extension: starts `dossier lsp` for Markdown and plain-text reports.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { serverCommand, serverSettings } from "./config";

let client: LanguageClient | undefined;

function makeClient(): LanguageClient {
  const settings = vscode.workspace.getConfiguration("dossier");
  const { command, args } = serverCommand(settings);
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      // Its problems are shown as diagnostics; nothing else is offered there.
      { scheme: "file", pattern: "**/dossier.toml" },
    ],
    initializationOptions: serverSettings(settings),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.md,*.markdown,*.txt,dossier.toml}"),
    },
    middleware: {
      workspace: {
        // Answer `workspace/configuration` with the mapped settings, not the raw ones.
        configuration: (params) => params.items.map((item) =>
          item.section === "dossier" ? serverSettings(vscode.workspace.getConfiguration("dossier")) : null),
      },
    },
  };
  return new LanguageClient("dossier", "Dossier", serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = makeClient();
  await client.start();
  context.subscriptions.push(
    vscode.commands.registerCommand("dossier.restartServer", async () => {
      await client?.stop();
      client = makeClient();
      await client.start();
    }),
    vscode.commands.registerCommand("dossier.showActors", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) {
        return;
      }
      const symbols = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
        "vscode.executeWorkspaceSymbolProvider", "")) ?? [];
      const here = symbols.filter((s) => s.location.uri.toString() === editor.document.uri.toString()
        && s.containerName !== "section");
      const pick = await vscode.window.showQuickPick(
        here.map((s) => ({ label: s.name, description: s.containerName, location: s.location })),
        { placeHolder: "Actors in this report" });
      if (pick) {
        await vscode.window.showTextDocument(pick.location.uri, { selection: pick.location.range });
      }
    }),
    vscode.commands.registerCommand("dossier.showTimeline", () => showTimeline("report")),
    vscode.commands.registerCommand("dossier.showWorkspaceTimeline", () => showTimeline("workspace")),
    vscode.commands.registerCommand("dossier.showActorTimeline", () => showTimeline("actor")),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("dossier.serverPath")) {
        void vscode.commands.executeCommand("dossier.restartServer");
      } else if (e.affectsConfiguration("dossier") && client) {
        void client.sendNotification("workspace/didChangeConfiguration", {
          settings: { dossier: serverSettings(vscode.workspace.getConfiguration("dossier")) },
        });
      }
    }),
  );
}

let timelinePanel: vscode.WebviewPanel | undefined;

// The server's timeline page (`dossier.timeline` with `format: "html"`) of the current report,
// of the workspace, or of the actor at the cursor across the workspace, in a webview; a click on
// an event there reveals its line.
async function showTimeline(scope: "report" | "workspace" | "actor"): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || (scope !== "workspace" && !editor)) {
    return;
  }
  const arg: { uri?: string; format: string; actorAt?: object } = { format: "html" };
  if (scope === "report" && editor) {
    arg.uri = editor.document.uri.toString();
  }
  if (scope === "actor" && editor) {
    arg.actorAt = {
      uri: editor.document.uri.toString(),
      position: client.code2ProtocolConverter.asPosition(editor.selection.active),
    };
  }
  let html: string;
  try {
    html = await client.sendRequest<string>("workspace/executeCommand", {
      command: "dossier.timeline",
      arguments: [arg],
    });
  } catch (e) {
    void vscode.window.showWarningMessage(`Dossier: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (!timelinePanel) {
    timelinePanel = vscode.window.createWebviewPanel("dossier.timeline", "Dossier Timeline",
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
    timelinePanel.onDidDispose(() => { timelinePanel = undefined; });
    timelinePanel.webview.onDidReceiveMessage(async (m: { type?: string; path?: string; line?: number }) => {
      if (m.type !== "reveal" || !m.path || !m.line) {
        return;
      }
      const at = new vscode.Position(m.line - 1, 0);
      await vscode.window.showTextDocument(vscode.Uri.file(m.path),
        { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
    });
  }
  timelinePanel.title = { report: "Dossier Timeline", workspace: "Dossier Timeline: Workspace",
    actor: "Dossier Timeline: Actor" }[scope];
  timelinePanel.webview.html = html;
  timelinePanel.reveal(undefined, true);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
