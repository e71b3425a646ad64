#!/usr/bin/env bash
# The ESLint yardstick of BENCHMARKS.md: ESLint 9 with eslint-plugin-html and
# no-restricted-syntax rules for the checks tmpllint makes, over the same
# generated corpus. ESLint is installed from the npm registry into a
# temporary directory outside the repository; it is never a dependency.
#
# Usage: bench/eslint.sh DIR [RUNS]
#   DIR   a corpus written by internal/corpus (see BENCHMARKS.md)
#   RUNS  how many timed runs (3 unless given); each prints wall time and
#         peak memory as /usr/bin/time -v reports them
set -euo pipefail
dir=$(cd "$1" && pwd)
runs=${2:-3}
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT

(cd "$tool" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund eslint@9 eslint-plugin-html@8 >/dev/null)
echo "eslint $("$tool/node_modules/.bin/eslint" --version), node $(node --version)"

# The selectors report what tmpllint's rules report on the corpus: the
# Classic success redirect (OIE001), the session token (OIE002), a
# renderEl success callback that is not OktaUtil.completeLogin (OIE003),
# the Classic request context (OIE007) and feature flags (OIE006/OIE008).
cat >"$tool/eslint.config.mjs" <<'CONFIG'
import html from "eslint-plugin-html";
export default [{
  files: ["**/*.html"],
  plugins: { html },
  languageOptions: { ecmaVersion: "latest", sourceType: "script" },
  rules: {
    "no-restricted-syntax": ["error",
      { selector: "CallExpression[callee.property.name='setCookieAndRedirect']", message: "OIE001" },
      { selector: "MemberExpression[object.property.name='session'][property.name='token']", message: "OIE002" },
      { selector: "Literal[value=/sessionCookieRedirect/]", message: "OIE002" },
      { selector: "CallExpression[callee.property.name='renderEl'] > FunctionExpression:nth-child(2)", message: "OIE003" },
      { selector: "MemberExpression[object.property.name='target'][property.name='clientId']", message: "OIE007" },
      { selector: "AssignmentExpression[left.object.property.name='features']", message: "OIE006" },
    ],
  },
}];
CONFIG

for i in $(seq "$runs"); do
  # ESLint exits 1 when it reports problems, as it does here.
  (cd "$dir" && /usr/bin/time -v "$tool/node_modules/.bin/eslint" -c "$tool/eslint.config.mjs" --format json . >"$tool/out.json" 2>"$tool/time.txt") || true
  problems=$(grep -o '"ruleId":"no-restricted-syntax"' "$tool/out.json" | wc -l)
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tool/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tool/time.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$tool/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$tool/time.txt")
  echo "run $i: wall $wall, cpu $(echo "$user $sys" | awk '{print $1+$2}')s, max RSS ${rss} KB, $problems problems"
done
