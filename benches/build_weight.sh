#!/usr/bin/env bash
# Build weight of the two ways to use the SDK: clean-build time (debug and release) and the
# number of crates in the normal dependency graph.
#
#   bash benches/build_weight.sh [TARGET_DIR]     (default: /tmp/linode-build-weight)
#
# Builds in TARGET_DIR (wiped before each build) so the project's own target/ is untouched.
# Wall-clock times depend on what else the machine is doing; the CPU time (user + system) of
# the build is printed beside them as the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-/tmp/linode-build-weight}"
jobs="$(nproc)"

variants=("async|" "blocking|--no-default-features --features ureq")

echo "rustc: $(rustc -V)"
echo "jobs: $jobs"
printf '| build | crates in the graph (normal deps, incl. linode) | packages compiled (incl. build deps) | debug clean build: wall s (CPU s) | release clean build: wall s (CPU s) |\n'
printf '|---|---|---|---|---|\n'
for v in "${variants[@]}"; do
    name="${v%%|*}"
    flags="${v#*|}"
    # shellcheck disable=SC2086
    crates="$(cargo tree -p linode -e normal --prefix none $flags | sed 's/ (\*)$//' | sort -u | wc -l)"
    times=()
    units=""
    for profile in dev release; do
        rm -rf "$target"
        # shellcheck disable=SC2086
        /usr/bin/time -f '%e %U %S' -o "$target.time" \
            cargo build -p linode --lib --profile "$profile" --target-dir "$target" -j "$jobs" $flags \
            2>"$target.log"
        read -r wall user sys <"$target.time"
        times+=("$(printf '%.0f (%.0f)' "$wall" "$(echo "$user + $sys" | bc -l)")")
        # Packages compiled (normal deps, build-script deps and proc macros alike).
        units="$(grep -c '^ *Compiling ' "$target.log")"
    done
    printf '| %s (`cargo build -p linode %s`) | %s | %s | %s | %s |\n' \
        "$name" "$flags" "$crates" "$units" "${times[0]}" "${times[1]}"
done
rm -rf "$target" "$target.log" "$target.time"
