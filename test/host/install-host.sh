#!/usr/bin/env bash
# install-host.sh VERSION DEST
#
# Installs the VS Code server that ships inside the npm package `code-server` (code-server VERSION =
# VS Code <1.x> server + web workbench) into DEST, using only the npm registry and Debian apt. It is the
# host our integration tests run in (see run-host-tests.js); @vscode/test-electron cannot be used here
# because it downloads VS Code from Microsoft, which this environment cannot reach.
#
# Result:
#   DEST/code-server/   the package; the server is DEST/code-server/lib/vscode/out/server-main.js
#   DEST/node/          node from npm (`node-linux-<arch>@<major>`), only when the system node does not fit
#   DEST/node-bin       symlink to the node binary to run the server (and run-host-tests.js) with
#   DEST/.install-complete   marker: "<VERSION> <RECIPE>"; present = nothing to do
#
# Idempotent: returns at once when the marker matches. An incomplete install (no marker) is wiped and
# redone from scratch. Any failure exits non-zero. Runs as root (it calls apt-get when packages are missing).
# Env: MCPG_SKIP_APT=1 skips the apt step (the commands must then already be there).
#
# Every step below works around a failure of the "normal" route; the comments say which.
set -euo pipefail

# Bump when the steps below change, so kept machines reinstall instead of reusing an old layout.
RECIPE=1

if [ $# -ne 2 ]; then
  echo "usage: $0 VERSION DEST   (e.g. $0 4.96.4 ~/.cache/mcp-gatekeeper/vscode-test-host/4.96.4)" >&2
  exit 2
fi
VERSION="$1"
mkdir -p "$2"
DEST="$(cd "$2" && pwd)"
MARKER="$DEST/.install-complete"
log() { echo "[install-host $VERSION] $*"; }

# Called from `npm test`, we inherit the outer npm's npm_* variables (npm_config_local_prefix,
# npm_config_node_gyp, npm_config_loglevel=silent, npm_config_ignore_scripts, ...). They would leak into
# the nested npm runs below (ignore_scripts would even turn `npm rebuild` into a no-op), so drop them all
# except the ones that say how to reach the registry. ~/.npmrc is still read by every npm.
keep='^npm_config_(cache|registry|cafile|ca|userconfig|proxy|https_proxy|noproxy|strict_ssl|prefer_offline|prefer_online|offline)$'
while IFS= read -r v; do
  [[ "$v" =~ $keep ]] || unset "$v"
done < <(compgen -e | grep '^npm_' || true)
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-pty's postinstall in some releases runs `npx node-gyp ...`; let npx fetch it from the registry
export npm_config_yes=true

# Serialise concurrent installs into the same DEST (two `npm test` runs at once).
exec 9>"$DEST/.install.lock"
flock 9

if [ "$(cat "$MARKER" 2>/dev/null || true)" = "$VERSION $RECIPE" ] && [ -x "$DEST/node-bin" ]; then
  log "already installed in $DEST"
  exit 0
fi

# ---- 0. OS packages --------------------------------------------------------------------------------
# build-essential + python3: node-gyp builds of the native modules; libkrb5-dev: the `kerberos` module;
# ripgrep: VS Code's search (its npm package downloads rg from GitHub); chromium: the workbench client
# that makes the server start an extension host (playwright-core drives it; it ships no browser).
APT_PKGS=(build-essential python3 libkrb5-dev ripgrep chromium)
if [ "${MCPG_SKIP_APT:-0}" != 1 ]; then
  if ! command -v dpkg >/dev/null || ! command -v apt-get >/dev/null; then
    echo "install-host: no dpkg/apt-get here; install these packages yourself and set MCPG_SKIP_APT=1: ${APT_PKGS[*]}" >&2
    exit 1
  fi
  missing=()
  for p in "${APT_PKGS[@]}"; do
    # `dpkg -s` also succeeds for removed-but-configured packages; check the status line
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi
for c in node npm cc c++ make python3 rg chromium krb5-config flock; do
  command -v "$c" >/dev/null || { echo "install-host: required command '$c' not found" >&2; exit 1; }
done

case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64) ARCH=arm64 ;;
  *) echo "install-host: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac

# ---- 1. the code-server package ----------------------------------------------------------------------
# `npm pack` + untar instead of `npm install code-server`: its postinstall.sh refuses to run as root and
# then runs `npm install` in lib/vscode with scripts on, which fails offline (git + GitHub downloads).
rm -f "$MARKER"
rm -rf "$DEST/code-server" "$DEST/node-bin" "$DEST/pack"
mkdir -p "$DEST/pack"
cd "$DEST/pack"
log "npm pack code-server@$VERSION"
tgz="$(npm pack "code-server@$VERSION" --loglevel=error)"
tar xzf "$tgz"
mv package "$DEST/code-server"
cd "$DEST"
rm -rf "$DEST/pack"

# ---- 2. a node of the major version this release wants ----------------------------------------------
# code-server's engines.node names one major (20 up to 4.100, 22 for 4.103-4.11x, 24 for 4.133+). Use the
# system node if it matches and has its headers (node-gyp must never download headers); otherwise take
# the official node binary + headers from npm, where they are published as `node-linux-<arch>@<major>`.
want="$(node -p 'String(require("./code-server/package.json").engines.node).replace(/^[^0-9]*/,"").replace(/[^0-9].*$/,"")')"
sys_node="$(readlink -f "$(command -v node)")"
sys_prefix="$(dirname "$(dirname "$sys_node")")"
if [ "$("$sys_node" -p 'process.versions.node.split(".")[0]')" = "$want" ] && [ -f "$sys_prefix/include/node/node_api.h" ]; then
  NODE_BIN="$sys_node"
  NODE_DIR="$sys_prefix"
else
  if [ ! -x node/bin/node ] || [ "$(node/bin/node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$want" ]; then
    log "npm pack node-linux-$ARCH@$want"
    rm -rf node pack && mkdir pack && cd pack
    tgz="$(npm pack "node-linux-$ARCH@$want" --loglevel=error)"
    tar xzf "$tgz"
    mv package "$DEST/node"
    cd "$DEST" && rm -rf pack
  fi
  NODE_BIN="$DEST/node/bin/node"
  NODE_DIR="$DEST/node"
  export PATH="$DEST/node/bin:$PATH"     # npm, npx and node-gyp below now run on that node
fi
[ -f "$NODE_DIR/include/node/node_api.h" ] || { echo "install-host: node headers missing in $NODE_DIR/include/node" >&2; exit 1; }
# native modules are built against these headers (overrides a `nodedir` in ~/.npmrc)
export npm_config_nodedir="$NODE_DIR"
log "node $("$NODE_BIN" -v) ($NODE_BIN), npm $(npm -v), headers from $NODE_DIR"

# Rebuild the native modules of ./node_modules from source (or their bundled prebuilds), skipping the
# packages whose install scripts only download things we do not need or provide ourselves.
rebuild_natives() {
  local pkgs
  pkgs="$(node -e '
    const fs = require("fs"), path = require("path");
    const skip = /^(@vscode\/ripgrep|@vscode\/windows-.*|windows-.*|ssh2|cpu-features)$/;
    const dirs = [];
    for (const d of fs.readdirSync("node_modules")) {
      if (d.startsWith("@")) for (const e of fs.readdirSync(path.join("node_modules", d))) dirs.push(d + "/" + e);
      else dirs.push(d);
    }
    const out = [];
    for (const d of dirs) {
      const f = path.join("node_modules", d, "package.json");
      if (!fs.existsSync(f)) continue;
      const j = JSON.parse(fs.readFileSync(f, "utf8")), s = j.scripts || {};
      const native = s.preinstall || s.install || s.postinstall || fs.existsSync(path.join("node_modules", d, "binding.gyp"));
      if (native && !skip.test(j.name)) out.push(j.name);
    }
    console.log(out.join(" "));')"
  log "npm rebuild in $(pwd): ${pkgs:-(nothing)}"
  # shellcheck disable=SC2086  # one word per package
  [ -z "$pkgs" ] || npm rebuild $pkgs
}

# ---- 3. code-server's own dependencies --------------------------------------------------------------
# Not strictly needed to run lib/vscode/out/server-main.js directly, but cheap, and keeps code-server's
# own entry point (out/node/entry.js) usable for debugging. Scripts off; argon2 is rebuilt explicitly.
cd "$DEST/code-server"
npm install --omit=dev --ignore-scripts --no-save
rebuild_natives

# ---- 4. the VS Code server's dependencies (lib/vscode) ----------------------------------------------
cd "$DEST/code-server/lib/vscode"
# VS Code 1.96 pins @vscode/proxy-agent to a GitHub commit (unreachable). The registry tarball of
# @vscode/proxy-agent@0.27.0 has the identical integrity hash, so point the lockfile at the registry.
# No-op for releases without that pin.
sed -i 's#"resolved": "git+ssh://git@github.com/microsoft/vscode-proxy-agent.git\#0803e0a7d1249bcb64ae9d256d0ee732b7246ea5"#"resolved": "https://registry.npmjs.org/@vscode/proxy-agent/-/proxy-agent-0.27.0.tgz"#' npm-shrinkwrap.json
if grep -q '"resolved": "git' npm-shrinkwrap.json; then
  echo "install-host: lib/vscode/npm-shrinkwrap.json still has git dependencies (unreachable offline):" >&2
  grep '"resolved": "git' npm-shrinkwrap.json >&2
  exit 1
fi
# Scripts off: @vscode/ripgrep's postinstall downloads rg from api.github.com (ENOTFOUND offline).
npm install --omit=dev --ignore-scripts --no-save
rebuild_natives        # kerberos, node-pty, spdlog, native-watchdog, @parcel/watcher, sqlite3, ...
# Debian's rg where @vscode/ripgrep expects its downloaded binary (releases using
# @vscode/ripgrep-universal ship the binaries in the tarball and skip this).
if [ -d node_modules/@vscode/ripgrep ] && [ ! -x node_modules/@vscode/ripgrep/bin/rg ]; then
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
fi
# The rest of what code-server's postinstall.sh would have done.
[ -e node_modules.asar ] || ln -sfn node_modules node_modules.asar
if [ -e bin/remote-cli/code-linux.sh ]; then ln -sfn code-linux.sh bin/remote-cli/code-server; fi
if [ -e bin/helpers/browser-linux.sh ]; then ln -sfn browser-linux.sh bin/helpers/browser.sh; fi
# Shared dependency of the built-in extensions (typescript, for the built-in TS/JS features); its only
# script is a local trim step, so scripts may stay on here.
(cd extensions && npm install --omit=dev --no-save)

# ---- 5. node link + marker (the test run itself is the real check) ---------------------------------
cd "$DEST"
[ -f code-server/lib/vscode/out/server-main.js ] || { echo "install-host: server-main.js missing" >&2; exit 1; }
ln -sfn "$NODE_BIN" node-bin
echo "$VERSION $RECIPE" > "$MARKER"
log "installed in $DEST ($(du -sh "$DEST" | cut -f1))"
