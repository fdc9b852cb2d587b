#!/usr/bin/env bash
# Instructions per operation under callgrind (see benches/instructions.rs): each workload runs
# with N and 3N operations; (Ir(3N) - Ir(N)) / 2N is one operation, start-up excluded.
#
#   bash benches/instructions.sh [N]      (default N = 2000; needs valgrind)
#
# "bare" is what a user writes by hand: hyper-util or ureq, the body collected, and
# serde_json::from_slice into the same model. The SDK checks the body's UTF-8 once and reads
# it as a str, so on a large page it is ahead (bare/SDK > 1); the baseline stays from_slice
# so that the figures compare with the earlier ones in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
exe="$(cargo bench --bench instructions --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*instructions[^"]*\)".*/\1/p' | tail -1)"
[ -x "$exe" ] || { echo "could not build the instructions bench" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

per_op() {
    local w="$1" runs=() k
    for k in 1 3; do
        valgrind --tool=callgrind --callgrind-out-file="$out/$w.$k" "$exe" "$w" $((k * n)) \
            >/dev/null 2>"$out/$w.$k.log"
        runs+=("$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/$w.$k.log")")
    done
    echo $(((runs[1] - runs[0]) / (2 * n)))
}

echo "| workload | SDK Ir/op | bare Ir/op | bare/SDK |"
echo "|---|---|---|---|"
for pair in "hyper, sequential|hyper_sdk|hyper_bare" "hyper, 16 in flight|hyper_sdk_x16|hyper_bare_x16" \
    "ureq, sequential|ureq_sdk|ureq_bare" \
    "hyper, events page, sequential|hyper_sdk_events|hyper_bare_events" \
    "hyper, events page, 16 in flight|hyper_sdk_x16_events|hyper_bare_x16_events" \
    "ureq, events page, sequential|ureq_sdk_events|ureq_bare_events" \
    "parse get_profile|parse_profile_sdk|parse_profile_bare" \
    "parse events_100|parse_events_sdk|parse_events_bare"; do
    IFS='|' read -r name sdk bare <<<"$pair"
    s="$(per_op "$sdk")"
    b="$(per_op "$bare")"
    echo "| $name | $s | $b | $(echo "scale=3; $b / $s" | bc -l) |"
done
for w in build_profile build_ssh_key build_events_filter; do
    echo "| $w | $(per_op "$w") | | |"
done

# What asking for gzip costs against a server that does not compress (issue 13).
echo
echo "| workload | gzip asked Ir/op | compression off Ir/op | asked/off |"
echo "|---|---|---|---|"
for pair in "hyper, sequential|hyper_sdk|hyper_sdk_plain" \
    "hyper, 16 in flight|hyper_sdk_x16|hyper_sdk_x16_plain" "ureq, sequential|ureq_sdk|ureq_sdk_plain" \
    "hyper, events page, sequential|hyper_sdk_events|hyper_sdk_events_plain" \
    "hyper, events page, 16 in flight|hyper_sdk_x16_events|hyper_sdk_x16_events_plain" \
    "ureq, events page, sequential|ureq_sdk_events|ureq_sdk_events_plain"; do
    IFS='|' read -r name asked off <<<"$pair"
    a="$(per_op "$asked")"
    o="$(per_op "$off")"
    echo "| $name | $a | $o | $(echo "scale=3; $a / $o" | bc -l) |"
done
