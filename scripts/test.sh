#!/usr/bin/env bash
# 运行全部测试 / The one test command (`npm test`).
#   set-up (Debian + npm packages) → type check → vitest.
# Extra arguments go to vitest, e.g. `npm test -- test/unit/money.test.ts`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

echo "[test] 类型检查 / type check: tsc -p tsconfig.json --noEmit"
npx --no-install tsc -p tsconfig.json --noEmit

echo "[test] 测试 / vitest run $*"
npx --no-install vitest run "$@"
