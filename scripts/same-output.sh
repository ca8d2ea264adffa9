#!/usr/bin/env bash
# Are two builds' documents byte for byte the same? Every document of the example deal and of
# the fixture deals (build, then the briefing, call-back form, contract PDF and each week's
# report in en, zh and en+zh), written by each binary into its own folder, then compared.
# For refactorings that must not change output (README: deterministic output).
#
#   git stash; cargo build; cp target/debug/dealguard /tmp/before; git stash pop; cargo build
#   scripts/same-output.sh /tmp/before target/debug/dealguard
#
# Prints the documents that differ and exits 1 if any does; the build manifest is left out
# (it fingerprints the binary).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -eq 2 ]] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
for b in "$1" "$2"; do [[ -x "$b" && -f "$b" ]] || { echo "$0: \`$b\` is not an executable file" >&2; exit 2; }; done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'cat "$work/log" >&2' ERR
export SOURCE_DATE_EPOCH=1764000000

documents() { # BIN DEST
    local bin dest d src l w
    bin="$(realpath "$1")"; dest="$2"
    for d in examples/nordic-home tests/fixtures/valid/shenzhen-zh tests/fixtures/valid/boston-lc; do
        src="$root/$d"; mkdir -p "$dest"; cp -r "$src" "$dest/"
        (cd "$dest/$(basename "$d")"
         "$bin" -q --deal deal.yaml build >/dev/null 2>>"$work/log"
         for l in en zh en+zh; do
             "$bin" -q --deal deal.yaml briefing --lang "$l" -o "out/briefing-$l.pdf" >/dev/null 2>>"$work/log"
             "$bin" -q --deal deal.yaml callback-form --lang "$l" -o "out/callback-form-$l.pdf" >/dev/null 2>>"$work/log"
             "$bin" -q --deal deal.yaml contract --lang "$l" --format pdf -o "out/contract-$l.pdf" >/dev/null 2>>"$work/log"
             for w in reports/*.yaml; do
                 [[ -e "$w" ]] || continue
                 "$bin" -q --deal deal.yaml report "$w" --lang "$l" -o "out/$(basename "$w" .yaml)-$l.pdf" >/dev/null 2>>"$work/log"
             done
         done)
    done
}

documents "$1" "$work/old"
documents "$2" "$work/new"
n="$(find "$work/new" -path '*/out/*' -type f ! -name .dealguard-build.yaml | wc -l)"
if diff -rq -x .dealguard-build.yaml "$work/old" "$work/new"; then
    echo "same-output: $n documents, all identical"
else
    echo "same-output: the documents above differ" >&2
    exit 1
fi
