#!/usr/bin/env bash
# Times a built tmpllint binary on the inputs written by internal/corpus's
# TestWriteCorpus (see BENCHMARKS.md), each case RUNS times (3 unless
# given), and prints the median wall time, the median CPU time (user +
# system) and the median peak memory (maximum resident set size) of each.
#
# Usage: bench/measure.sh BINARY DIR10K DIR1K [RUNS]
#   DIR10K, DIR1K  directories written with TMPLLINT_CORPUS_FILES=10000 and 1000
set -euo pipefail
bin=$1 big=$2 small=$3 runs=${4:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

measure() {
  local label=$1; shift
  : >"$tmp/wall"; : >"$tmp/cpu"; : >"$tmp/rss"
  for _ in $(seq "$runs"); do
    # Exit code 1 (findings) is expected; 2 is not.
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$bin" "$@" >/dev/null 2>"$tmp/err" || [ $? -eq 1 ] || { cat "$tmp/err"; exit 1; }
    read -r e u s m < <(tail -n 1 "$tmp/t")
    echo "$e" >>"$tmp/wall"
    echo "$u $s" | awk '{print $1+$2}' >>"$tmp/cpu"
    echo "$m" >>"$tmp/rss"
  done
  printf '%-34s wall %6ss  cpu %6ss  max RSS %5s MiB\n' "$label" "$(median <"$tmp/wall")" "$(median <"$tmp/cpu")" \
    "$(median <"$tmp/rss" | awk '{printf "%.0f", $1/1024}')"
}

measure "typical template, text" check "$big/single/typical.html"
measure "1,000 files, json" check --format json "$small/pages"
measure "10,000 files, json" check --format json "$big/pages"
measure "5 MB template, json" check --format json "$big/single/big-5mb.html"
measure "20 MB .js bundle, json" check --format json "$big/single/bundle-20mb.js"
measure "16 MB .ts of decorators, json" check --format json "$big/single/decorators-16mb.ts"
for f in text json github sarif; do
  measure "one line, 20,000 findings, $f" check --format "$f" "$big/single/one-line-20000.html"
done
