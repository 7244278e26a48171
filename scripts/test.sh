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
report="$(mktemp -t vitest-report.XXXXXX.json)"
status=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# The plain closing line CI reads: "N passed, N failed".
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$report" || true
rm -f "$report"
exit "$status"
