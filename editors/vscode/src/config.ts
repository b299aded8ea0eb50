// Maps the extension's settings to the server's configuration keys (those of dossier.toml).
// Kept free of the `vscode` module so it can be tested without the editor.

/** The part of `vscode.WorkspaceConfiguration` this module reads. */
export interface Settings {
  get<T>(section: string, defaultValue: T): T;
}

/** The settings object the server reads from initializationOptions and workspace/configuration. */
export function serverSettings(s: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = {
    currency: s.get<string>("currency", "USD"),
    "inlay-hints": {
      dates: s.get<boolean>("inlayHints.dates", true),
      money: s.get<boolean>("inlayHints.money", true),
    },
    "code-lens": s.get<boolean>("codeLens", false),
    globs: s.get<string[]>("globs", ["**/*.md", "**/*.markdown", "**/*.txt"]),
  };
  const checks = s.get<Record<string, boolean | string>>("checks", {});
  if (Object.keys(checks).length > 0) {
    out.checks = { ...checks };
  }
  return out;
}

/** The command that starts the server. */
export function serverCommand(s: Settings): { command: string; args: string[] } {
  const path = s.get<string>("serverPath", "dossier").trim() || "dossier";
  return { command: path, args: ["lsp"] };
}
