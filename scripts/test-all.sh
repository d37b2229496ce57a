#!/usr/bin/env bash
# Every test suite: typecheck, lint, unit + component tests (vitest), build, the packed bin, browser tests (real Chromium).
# Prints one final line "N passed, N failed" summing all suites; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
PASS=0
FAIL=0
step() { # name, command... ; counts as one test
  local name="$1"; shift
  echo "== $name"
  if "$@"; then PASS=$((PASS + 1)); else FAIL=$((FAIL + 1)); echo "FAILED: $name"; fi
}
count_json() { # file with {"passed":N,"failed":M}; a missing report is one failure
  local f="$1"
  if [ -f "$f" ]; then
    PASS=$((PASS + $(node -e "console.log(JSON.parse(require('fs').readFileSync('$f','utf8')).passed|0)")))
    FAIL=$((FAIL + $(node -e "console.log(JSON.parse(require('fs').readFileSync('$f','utf8')).failed|0)")))
  else
    FAIL=$((FAIL + 1)); echo "missing report: $f"
  fi
}

step "typecheck" npx tsc -p tsconfig.json --noEmit
step "lint" npx eslint . --max-warnings 0

echo "== unit and component tests (vitest)"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
node -e "
const r = JSON.parse(require('fs').readFileSync('test-results/vitest.json', 'utf8'));
const failedSuites = r.testResults.filter(t => t.status === 'failed' && t.assertionResults.length === 0).length;
require('fs').writeFileSync('test-results/vitest-count.json', JSON.stringify({ passed: r.numPassedTests, failed: r.numFailedTests + failedSuites }));
" 2>/dev/null || true
count_json test-results/vitest-count.json

step "build" npx vite build --logLevel warn
step "build the single file" npx vite build --config vite.single.config.ts --logLevel warn

echo "== packed command line (npm pack, install with --omit=dev, run the bin)"
node scripts/pack-test.mjs
count_json test-results/pack.json

if bash scripts/ensure-chromium.sh; then
  echo "== browser tests (chromium)"
  node scripts/e2e.mjs
  count_json test-results/e2e.json
else
  FAIL=$((FAIL + 1)); echo "FAILED: chromium unavailable"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
