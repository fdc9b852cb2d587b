#!/usr/bin/env bash
# Peak memory of a lazy pagination walk (examples/memory_walk.rs) for N = 10,000, 100,000 and
# 1,000,000 events, with the async stream and the blocking iterator.
#
#   bash benches/memory_walk.sh            (needs /usr/bin/time: apt-get install time)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --example memory_walk -q
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "| events | pages of 100 | mode | peak RSS (kB, /usr/bin/time -v) | wall time |"
echo "|---|---|---|---|---|"
for mode in async blocking; do
    for n in 10000 100000 1000000; do
        /usr/bin/time -v target/release/examples/memory_walk "$n" "$mode" >/dev/null 2>"$log"
        rss="$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$log")"
        wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): *//p' "$log")"
        echo "| $n | $((n / 100)) | $mode | $rss | $wall |"
    done
done
