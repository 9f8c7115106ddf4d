#!/usr/bin/env bash
# Runs every test: type check, core + adapter tests (node:test), the Electron security audit and the
# end-to-end specs in Chromium. `npm test` runs this with node_modules/.bin first on PATH, so the
# Node it uses is the project's own (the node@24 devDependency), whatever the machine has.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".").map(Number).reduce((a,v,i)=>i<2?a*1000+v:a,0)')
if [ "$node_major" -lt 22012 ]; then
  echo "Keepsake needs Node >= 22.12 (found $(node --version)). Run it through npm: npm test" >&2
  exit 1
fi

bash scripts/ensure-chromium.sh

echo "== type check"
npx tsc -p tsconfig.json --noEmit

echo "== core, CLI and adapter tests"
npm run --silent test:unit

echo "== Electron security audit (electronegativity)"
node scripts/electronegativity-check.ts

echo "== end-to-end (renderer in Chromium, real core behind it)"
npm run --silent build:renderer
npx playwright test
