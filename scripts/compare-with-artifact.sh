#!/usr/bin/env bash
# Time the Dysta artifact's Python simulator against Baton on the same traces.
#
# Usage: compare-with-artifact.sh ARTIFACT_DIR BATON_BIN [WORK_DIR]
#
#   ARTIFACT_DIR  the artifact's `dysta_scheduler` folder (the one holding
#                 simulator.py, scheduler.py, utils_common.py, ...), taken from
#                 SamsungLabs/Sparse-Multi-DNN-Scheduling; it is only called,
#                 never copied or changed (it writes its figure PDF there).
#   BATON_BIN     a built `baton` binary (e.g. .build/release/baton; on Linux,
#                 `swift build -c release --static-swift-stdlib` gives one that
#                 starts in about half the time, docs/architecture.md "Start-up").
#   WORK_DIR      where traces, logs and results go (default: a new mktemp dir).
#
# Environment knobs (defaults reproduce the artifact's own script
# script/attnn/dysta_comparison_sanger_across_arrival_rates.sh):
#   RUNS=3  FAST_REPEATS=5  REQUESTS=1000  SEEDS=5  RATES="10 20 30 40"  SLO=10
#   INPUTS=200  TRACE_SEED=1  PYTHON=python3
#   BATON_ALT_BIN=  a second build of Baton, timed as variant E with B's
#                   command in the same rounds (e.g. the static-stdlib build,
#                   so that one run gives both builds' ratios)
#
# Needs: Python 3 with numpy, pandas, matplotlib, scipy, scikit-learn and
# brokenaxes (all imported by the artifact; `pip install pandas matplotlib
# scikit-learn brokenaxes scipy numpy`), and GNU time at /usr/bin/time.
#
# What it does:
#   1. baton benchmark generate --pool attention into WORK_DIR/traces/sanger
#      (the folder name must contain "sanger": the artifact picks its latency
#      model from the file path).
#   2. RUNS rounds, each timing back to back, process start to exit (wall clock
#      from nanosecond stamps; Baton's variants FAST_REPEATS times per round):
#        A  the artifact:  python3 simulator.py ... (from ARTIFACT_DIR)
#        B  baton run      (default --jobs: every core)
#        C  baton run --compat dysta-artifact
#        D  baton run --jobs 1 (single thread, like the Python process)
#        E  B's command with BATON_ALT_BIN, when set
#   3. Checks every variant ran schedulers x rates x seeds simulations and
#      prints median wall time, median CPU time, peak RSS and the ratios.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi

ARTIFACT_DIR=$(cd "$1" && pwd)
BATON=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
WORK_DIR=${3:-$(mktemp -d /tmp/baton-vs-artifact.XXXXXX)}
mkdir -p "$WORK_DIR"
WORK_DIR=$(cd "$WORK_DIR" && pwd)

FAST_REPEATS=${FAST_REPEATS:-5}
RUNS=${RUNS:-3}
REQUESTS=${REQUESTS:-1000}
SEEDS=${SEEDS:-5}
RATES=${RATES:-"10 20 30 40"}
SLO=${SLO:-10}
INPUTS=${INPUTS:-200}
TRACE_SEED=${TRACE_SEED:-1}
PYTHON=${PYTHON:-python3}
TIME=/usr/bin/time

ART_SCHEDULERS="fcfs sjf prema planaria sdrm3 dysta_oracle dysta"
BATON_SCHEDULERS="fcfs,sjf,prema,planaria,sdrm3,dysta-oracle,dysta"
BATON_RATES=$(echo $RATES | tr ' ' ',')
N_SCHED=$(echo $ART_SCHEDULERS | wc -w)
N_RATES=$(echo $RATES | wc -w)
EXPECTED=$(( N_SCHED * N_RATES * SEEDS ))

[[ -f "$ARTIFACT_DIR/simulator.py" ]] || { echo "no simulator.py in $ARTIFACT_DIR" >&2; exit 2; }
[[ -x "$BATON" ]] || { echo "not executable: $BATON" >&2; exit 2; }
ALT=${BATON_ALT_BIN:-}
if [[ -n "$ALT" ]]; then
  [[ -x "$ALT" ]] || { echo "BATON_ALT_BIN is not executable: $ALT" >&2; exit 2; }
  ALT=$(cd "$(dirname "$ALT")" && pwd)/$(basename "$ALT")
fi
[[ -x "$TIME" ]] || { echo "GNU time not found at $TIME (apt-get install time)" >&2; exit 2; }
if ! "$PYTHON" -c 'import numpy, pandas, matplotlib, scipy, sklearn, brokenaxes' 2>/dev/null; then
  echo "$PYTHON lacks a package the artifact imports; try:" >&2
  echo "  pip install numpy pandas matplotlib scipy scikit-learn brokenaxes" >&2
  exit 2
fi

# 1. Traces -------------------------------------------------------------------
TRACES="$WORK_DIR/traces/sanger"
rm -rf "$TRACES"
"$BATON" benchmark generate --pool attention --inputs "$INPUTS" --seed "$TRACE_SEED" --out "$TRACES" >/dev/null
echo "traces: $TRACES ($(ls "$TRACES" | wc -l) files)"

# 2. Commands -----------------------------------------------------------------
cmd_A=( "$PYTHON" simulator.py --schedule_method $ART_SCHEDULERS --fig_across_ar
        --csv_lat_dir "$TRACES/" --lat_slo_mult "$SLO" --sample_per_sec $RATES
        --num_sample "$REQUESTS" --num_random_seeds "$SEEDS" )
cmd_B=( "$BATON" run --traces "$TRACES" --schedulers "$BATON_SCHEDULERS" --rates "$BATON_RATES"
        --slo "$SLO" --requests "$REQUESTS" --seeds "$SEEDS" --quiet )
cmd_C=( "${cmd_B[@]}" --compat dysta-artifact )
cmd_D=( "${cmd_B[@]}" --jobs 1 )
VARIANTS="A B C D"
if [[ -n "$ALT" ]]; then
  cmd_E=( "$ALT" "${cmd_B[@]:1}" )
  VARIANTS="A B C D E"
fi

LOGS="$WORK_DIR/logs"
mkdir -p "$LOGS"
RESULTS="$WORK_DIR/times.tsv"
printf 'variant\trun\twall_s\tcpu_s\tmaxrss_kb\texit\n' > "$RESULTS"

# time_one VARIANT RUN DIR CMD...: runs CMD in DIR under GNU time.
time_one() {
  local v=$1 r=$2 dir=$3; shift 3
  local out="$LOGS/$v.$r.out" tv="$LOGS/$v.$r.time"
  local rc=0 start end
  # Wall clock from nanosecond stamps (GNU time's own resolution, 10 ms, is too coarse for Baton's runs).
  start=$(date +%s%N)
  ( cd "$dir" && "$TIME" -v -o "$tv" "$@" >"$out" 2>&1 ) || rc=$?
  end=$(date +%s%N)
  local wall cpu rss
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", (b - a) / 1e9}')
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$tv")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$r" "$wall" "$cpu" "$rss" "$rc" >> "$RESULTS"
  printf '  %s run %s: wall %8.4f s  cpu %8.2f s  rss %7d kB  exit %s\n' "$v" "$r" "$wall" "$cpu" "$rss" "$rc"
  [[ $rc -eq 0 ]] || { echo "variant $v failed, see $out" >&2; exit 1; }
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  (cores: $(nproc))"
for r in $(seq 1 "$RUNS"); do
  echo "round $r/$RUNS"
  time_one A "$r" "$ARTIFACT_DIR" "${cmd_A[@]}"
  # Baton's runs are short: FAST_REPEATS of each per round, every one recorded.
  for k in $(seq 1 "$FAST_REPEATS"); do
    time_one B "$r.$k" "$WORK_DIR" "${cmd_B[@]}"
    time_one C "$r.$k" "$WORK_DIR" "${cmd_C[@]}"
    time_one D "$r.$k" "$WORK_DIR" "${cmd_D[@]}"
    [[ -z "$ALT" ]] || time_one E "$r.$k" "$WORK_DIR" "${cmd_E[@]}"
  done
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# 3. Same number of simulations -----------------------------------------------
count_A=$(grep -c '^Violation rate of ' "$LOGS/A.1.out" || true)
count_B=$(( $("${cmd_B[@]}" --per-seed --format csv | wc -l) - 1 ))
count_C=$(( $("${cmd_C[@]}" --per-seed --format csv | wc -l) - 1 ))
count_E=$EXPECTED
[[ -z "$ALT" ]] || count_E=$(( $("${cmd_E[@]}" --per-seed --format csv | wc -l) - 1 ))
echo "simulations: artifact $count_A, baton $count_B, baton --compat $count_C$([[ -z "$ALT" ]] || echo ", second build $count_E") (expected $EXPECTED)"
status=0
for c in "$count_A" "$count_B" "$count_C" "$count_E"; do [[ $c -eq $EXPECTED ]] || status=1; done
[[ $status -eq 0 ]] || echo "WARNING: simulation counts differ from $EXPECTED" >&2

# 4. Summary ------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -F'\t' -v v="$1" -v c="$2" 'NR>1 && $1==v {print $c}' "$RESULTS"; }
declare -A WALL CPU RSS
for v in $VARIANTS; do
  WALL[$v]=$(col $v 3 | median); CPU[$v]=$(col $v 4 | median); RSS[$v]=$(col $v 5 | sort -g | tail -1)
done
echo
echo "median of $RUNS runs of the artifact and $((RUNS * FAST_REPEATS)) of each Baton variant (wall = process start to exit; peak RSS = max over runs)"
printf '  %-38s %10s %10s %12s\n' variant wall_s cpu_s peak_rss_MB
for v in $VARIANTS; do
  case $v in
    A) name="A artifact (python simulator.py)";;
    B) name="B baton run";;
    C) name="C baton run --compat dysta-artifact";;
    D) name="D baton run --jobs 1";;
    E) name="E baton run, second build";;
  esac
  printf '  %-38s %10.3f %10.3f %12.1f\n' "$name" "${WALL[$v]}" "${CPU[$v]}" "$(awk -v k="${RSS[$v]}" 'BEGIN{print k/1024}')"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a/b; else print "inf" }'; }
echo "  wall ratio A/B = $(ratio "${WALL[A]}" "${WALL[B]}")x   A/C = $(ratio "${WALL[A]}" "${WALL[C]}")x   A/D = $(ratio "${WALL[A]}" "${WALL[D]}")x"
[[ -z "$ALT" ]] || echo "  wall ratio A/E = $(ratio "${WALL[A]}" "${WALL[E]}")x   (E: $ALT)"
echo "  cpu  ratio A/B = $(ratio "${CPU[A]}" "${CPU[B]}")x   A/C = $(ratio "${CPU[A]}" "${CPU[C]}")x   A/D = $(ratio "${CPU[A]}" "${CPU[D]}")x"
echo "raw times: $RESULTS; logs: $LOGS"
exit $status
