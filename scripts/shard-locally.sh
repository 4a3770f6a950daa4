#!/usr/bin/env bash
# Run a sweep as N shards on this machine, each a separate process given the environment a Slurm
# job array gives its tasks (SLURM_ARRAY_TASK_ID / _COUNT / _MIN), merge the shards, run the same
# sweep unsharded, and check that the merged results.jsonl is byte-identical to the unsharded one.
# Prints wall and CPU seconds of both and the throughput in points per second per core.
#
#   scripts/shard-locally.sh examples/sweeps/synthetic-100k.yaml 8
#
# Environment: BATON (the executable, default .build/release/baton), OUT (default
# out/<sweep name>-sharded; emptied first).
set -euo pipefail
if [ $# -lt 1 ]; then
    echo "usage: $0 SWEEP.yaml [SHARDS]" >&2
    exit 64
fi
SWEEP="$1"
SHARDS="${2:-8}"
BATON="${BATON:-.build/release/baton}"
OUT="${OUT:-out/$(basename "$SWEEP" .yaml)-sharded}"
rm -rf "$OUT"
mkdir -p "$OUT"
TIMEFORMAT='%R %U %S'

echo "sharded: $SHARDS processes"
sharded=$( { time (
    for ((i = 0; i < SHARDS; i++)); do
        SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$SHARDS SLURM_ARRAY_TASK_MIN=0 \
            "$BATON" sweep "$SWEEP" --out "$OUT/shard-$i" --quiet > "$OUT/shard-$i.log" 2>&1 &
    done
    wait
    dirs=()
    for ((i = 0; i < SHARDS; i++)); do dirs+=("$OUT/shard-$i"); done
    "$BATON" merge "${dirs[@]}" --out "$OUT/merged" > "$OUT/merge.log" 2>&1
) ; } 2>&1 )
echo "unsharded: 1 process"
unsharded=$( { time "$BATON" sweep "$SWEEP" --out "$OUT/unsharded" --quiet > "$OUT/unsharded.log" 2>&1 ; } 2>&1 )

points=$(wc -l < "$OUT/unsharded/results.jsonl")
if cmp -s "$OUT/merged/results.jsonl" "$OUT/unsharded/results.jsonl"; then same="yes"; else same="NO"; fi
report() {  # label, "real user sys"
    read -r real user sys <<< "$2"
    awk -v label="$1" -v p="$points" -v r="$real" -v u="$user" -v s="$sys" \
        'BEGIN { printf "%-10s %8d points  %8.2f s wall  %8.2f s CPU  %9.1f points/s  %9.1f points/s/core\n", label, p, r, u + s, p / r, p / (u + s) }'
}
report sharded "$sharded"
report unsharded "$unsharded"
echo "merged results.jsonl byte-identical to the unsharded run: $same"
[ "$same" = "yes" ]
