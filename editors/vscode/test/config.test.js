// Tests the settings mapping with a mocked configuration (the VS Code host itself cannot be
// downloaded here). Runs on the bundled-free TypeScript output compiled by esbuild.
const { test } = require("node:test");
const assert = require("node:assert");
const { buildSync } = require("esbuild");
const path = require("node:path");
const Module = require("node:module");

// Compile src/config.ts on the fly and load it.
const out = buildSync({
  entryPoints: [path.join(__dirname, "..", "src", "config.ts")],
  bundle: true, platform: "node", format: "cjs", write: false,
}).outputFiles[0].text;
const m = new Module("config");
m._compile(out, "config.js");
const { serverSettings, serverCommand } = m.exports;

/** A mocked `vscode.WorkspaceConfiguration`. */
function settings(values) {
  return { get: (key, dflt) => (key in values ? values[key] : dflt) };
}

test("defaults map to the server's defaults", () => {
  assert.deepStrictEqual(serverSettings(settings({})), {
    currency: "USD",
    "inlay-hints": { dates: true, money: true },
    "code-lens": false,
    globs: ["**/*.md", "**/*.markdown", "**/*.txt"],
  });
});

test("every setting reaches its server key", () => {
  const got = serverSettings(settings({
    currency: "EUR",
    "inlayHints.dates": false,
    "inlayHints.money": false,
    codeLens: true,
    globs: ["reports/**/*.md"],
    checks: { weekday: "error", "restated-figure": false },
  }));
  assert.deepStrictEqual(got, {
    currency: "EUR",
    "inlay-hints": { dates: false, money: false },
    "code-lens": true,
    globs: ["reports/**/*.md"],
    checks: { weekday: "error", "restated-figure": false },
  });
});

test("the server path falls back to `dossier`", () => {
  assert.deepStrictEqual(serverCommand(settings({ serverPath: "/opt/bin/dossier" })), { command: "/opt/bin/dossier", args: ["lsp"] });
  assert.deepStrictEqual(serverCommand(settings({ serverPath: "  " })), { command: "dossier", args: ["lsp"] });
});
