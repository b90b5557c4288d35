#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the module (each `func FuzzX` in a
# _test.go file) for a while, one after the other, and fails if any of them
# finds an input that crashes it. A crashing input is kept by Go under the
# package's testdata/fuzz/FuzzX/, where `go test` replays it from then on.
#
# Usage: bench/fuzz.sh [-fuzztime 60s] [-parallel N]
#   -fuzztime D  how long each target runs (a duration, or Nx for N inputs); default 60s
#   -parallel N  fuzzing workers per target; default GOMAXPROCS
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=60s
parallel=()
while [ $# -gt 0 ]; do
  case "$1" in
    -fuzztime) fuzztime=${2:?-fuzztime needs a duration}; shift 2 ;;
    -fuzztime=*) fuzztime=${1#*=}; shift ;;
    -parallel) parallel=(-parallel "${2:?-parallel needs a number}"); shift 2 ;;
    -parallel=*) parallel=(-parallel "${1#*=}"); shift ;;
    -h|-help|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1 (see -help)" >&2; exit 2 ;;
  esac
done

# Every target as "dir name", in the test files git tracks or would add.
targets=$(git ls-files --cached --others --exclude-standard '*_test.go' | xargs grep -H '^func Fuzz[A-Za-z0-9_]*(' |
  sed -E 's#^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#; s#^[^/ ]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#. \1#' |
  sort -u)
if [ -z "$targets" ]; then
  echo "fuzz.sh: no fuzz targets found" >&2; exit 1
fi

failed=()
while read -r dir name; do
  echo "== $name in ./$dir for $fuzztime"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "${parallel[@]}" "./$dir"; then
    failed+=("./$dir $name")
  fi
done <<<"$targets"

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${#failed[@]} target(s) failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz.sh: every target ran for $fuzztime without a crash"
