#!/usr/bin/env bash
# 一次性环境准备（可重复运行）/ Idempotent machine set-up for a fresh Debian/Ubuntu box.
#
#   1. Debian packages the tests need (installed only when missing).
#   2. npm packages (npm ci), skipped when node_modules matches package-lock.json.
#   3. better-sqlite3's native addon actually loads under this Node (rebuilt if not).
#
# Safe without a terminal (CI, no stdin): apt runs non-interactively and sudo
# is used with -n so it never waits for a password.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[setup] %s\n' "$*"; }
warn() { printf '[setup] 警告 / warning: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# 1. Debian packages
#   chromium                  renderer / e2e tests (headless, via playwright-core)
#   chromium-headless-shell   the PDF engine's browser (lighter than chromium: about half the memory)
#   python3-docx, -openpyxl   independent readers of the exported .docx/.xlsx
#   libreoffice-*-nogui       opens the exports the way a user's office suite would
#   fonts-noto-cjk            Chinese glyphs for PDF / screenshot rendering
#   fonts-dejavu-core         Latin faces the tests pin Times New Roman / Arial to (test/harness/fontconfig.ts)
#   poppler-utils             pdftoppm / pdftotext for checking rendered pages
# ---------------------------------------------------------------------------
DEB_PACKAGES=(
  chromium
  chromium-headless-shell
  python3-docx
  python3-openpyxl
  libreoffice-writer-nogui
  libreoffice-calc-nogui
  fonts-noto-cjk
  fonts-dejavu-core
  poppler-utils
)

is_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

report_missing() {
  warn "以下系统软件包未安装，依赖它们的测试会失败并给出包名："
  warn "these Debian packages are missing; the tests that need them will fail naming the package:"
  for p in "$@"; do warn "  - $p"; done
}

install_debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    warn "未找到 dpkg（不是 Debian/Ubuntu 系统），跳过系统软件包安装。"
    warn "dpkg not found (not Debian/Ubuntu); skipping system packages: ${DEB_PACKAGES[*]}"
    return 0
  fi

  local missing=() p
  for p in "${DEB_PACKAGES[@]}"; do
    is_installed "$p" || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "系统软件包已齐全 / Debian packages already installed"
    return 0
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo -n)
    else
      warn "不是 root 且没有 sudo，无法安装系统软件包 / not root and no sudo"
      report_missing "${missing[@]}"
      return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    warn "未找到 apt-get / apt-get not available"
    report_missing "${missing[@]}"
    return 0
  fi

  log "安装系统软件包 / installing: ${missing[*]}"
  if ! ${sudo[@]+"${sudo[@]}"} apt-get update; then
    warn "apt-get update 失败 / apt-get update failed"
    report_missing "${missing[@]}"
    return 0
  fi

  # Drop names this distribution does not carry (e.g. Ubuntu ships chromium as a
  # snap), so one unknown name does not stop the others from installing.
  local available=() unavailable=()
  for p in "${missing[@]}"; do
    if apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then
      available+=("$p")
    else
      unavailable+=("$p")
    fi
  done
  if [ "${#available[@]}" -gt 0 ]; then
    if ! ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${available[@]}"; then
      warn "apt-get install 失败 / apt-get install failed"
    fi
  fi

  local still=()
  for p in "${missing[@]}"; do
    is_installed "$p" || still+=("$p")
  done
  if [ "${#still[@]}" -gt 0 ]; then
    report_missing "${still[@]}"
  else
    log "系统软件包安装完成 / Debian packages installed"
  fi
}

# ---------------------------------------------------------------------------
# 2. npm packages
# ---------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[setup] 错误：未找到 Node.js/npm，请先安装 Node.js 20.19 或更高版本。" >&2
  echo "[setup] error: node/npm not found; install Node.js >= 20.19 first." >&2
  exit 1
fi

STAMP=node_modules/.setup-stamp

# What node_modules was installed from: the lockfile (or package.json when there
# is none), package.json (npm ci refuses a lock that is out of sync with it) and
# the Node ABI / platform, because better-sqlite3's addon is built for one ABI.
npm_fingerprint() {
  node -e '
    const { createHash } = require("node:crypto");
    const { existsSync, readFileSync } = require("node:fs");
    const h = createHash("sha256");
    for (const f of ["package-lock.json", "package.json"]) {
      h.update(f + "\0");
      if (existsSync(f)) h.update(readFileSync(f));
    }
    h.update([process.versions.modules, process.platform, process.arch].join("/"));
    process.stdout.write(h.digest("hex"));
  '
}

install_npm_packages() {
  local want have=""
  want="$(npm_fingerprint)"
  have="$(cat "$STAMP" 2>/dev/null || true)"
  if [ -d node_modules ] && [ "$want" = "$have" ]; then
    log "npm 依赖已是最新 / node_modules up to date"
    return 0
  fi

  export ELECTRON_SKIP_BINARY_DOWNLOAD=1
  if [ -f package-lock.json ]; then
    log "npm ci（ELECTRON_SKIP_BINARY_DOWNLOAD=1）"
    npm ci --no-audit --no-fund
  else
    log "npm install（没有 package-lock.json / no lockfile）"
    npm install --no-audit --no-fund
  fi
}

# better-sqlite3 loads its addon lazily, so requiring the package is not enough:
# open an in-memory database to prove the binary matches this Node.
sqlite_loads() {
  node -e 'const D = require("better-sqlite3"); new D(":memory:").prepare("select 1").get();' \
    >/dev/null 2>&1
}

check_better_sqlite3() {
  if sqlite_loads; then
    log "better-sqlite3 可用 / loads"
    return 0
  fi
  warn "better-sqlite3 无法加载，正在重新编译 / does not load, rebuilding"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm rebuild better-sqlite3
  if ! sqlite_loads; then
    node -e 'const D = require("better-sqlite3"); new D(":memory:");' || true
    echo "[setup] 错误：better-sqlite3 重新编译后仍无法加载。" >&2
    echo "[setup] error: better-sqlite3 still does not load after npm rebuild." >&2
    exit 1
  fi
  log "better-sqlite3 已重新编译 / rebuilt"
}

started=$SECONDS
install_debian_packages
install_npm_packages
check_better_sqlite3
# Rewrite the stamp only when it changes, so a second run touches nothing.
fingerprint="$(npm_fingerprint)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$fingerprint" ]; then
  printf '%s' "$fingerprint" >"$STAMP"
fi
log "完成 / done in $((SECONDS - started))s"
