#!/usr/bin/env bash
# The benchmark suite of issue #9, from the workspace root:
#
#   benches/run.sh            # criterion suite + ratio table, peak memory
#   benches/run.sh --scale    # also: 1,000-contract schema load and regenerate
#   benches/run.sh --callgrind  # also: instruction counts of the main pairs
#
# Criterion's own arguments can follow `--` (for example `-- xml_write` to run a subset).
# Run it on a quiet machine (`uptime`): the ratios are of medians measured in one process,
# but two shared cores under load make single runs noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=false
callgrind=false
criterion_args=()
while (($#)); do
    case $1 in
        --scale) scale=true ;;
        --callgrind) callgrind=true ;;
        --) shift; criterion_args=("$@"); break ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

echo "== $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench -p h2h-benches --bench suite -- "${criterion_args[@]}" 2>&1 | sed -n '/^| ratio of medians/,$p'
cargo bench -p h2h-benches --bench peak_memory 2>/dev/null

if $callgrind; then
    command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
    # Instruction counts per call, repeatable where times are not: each routine runs 10,000
    # times alone (the suite's H2H_PROFILE mode) under callgrind.
    bin=$(cargo bench -p h2h-benches --bench suite --no-run --message-format=json 2>/dev/null |
        sed -n 's/.*"executable":"\([^"]*suite[^"]*\)".*/\1/p' | tail -1)
    count() {
        local out
        out=$(mktemp)
        H2H_PROFILE=$1 H2H_PROFILE_ITERS=10000 valgrind --tool=callgrind \
            --toggle-collect='suite::profile_loop*' --callgrind-out-file=/dev/null "$bin" \
            >/dev/null 2>"$out"
        grep Collected "$out" | awk '{ gsub(",", "", $4); print int($4 / 10000) }'
        rm -f "$out"
    }
    echo
    echo "| instructions per call (callgrind) | h2h | baseline | ratio | target |"
    echo "|---|---:|---:|---:|---|"
    while read -r what ours base target; do
        a=$(count "$ours"); b=$(count "$base")
        echo "| $what | $a | $b | $(awk "BEGIN { printf \"%.2f\", $a / $b }") | $target |"
    done <<'EOF'
XML_write_AuthRequest/direct xml_write_AuthRequest/h2h xml_write_AuthRequest/direct ≤1.25
XML_write_AuthResponse/direct xml_write_AuthResponse/h2h xml_write_AuthResponse/direct ≤1.25
XML_write_AuthRequest/alloc+copy xml_write_AuthRequest/h2h xml_write_AuthRequest/alloc_copy ≤3.5
XML_read_AuthRequest/hand_reader xml_read_AuthRequest/h2h xml_read_AuthRequest/hand_reader ≤1.2
XML_read_AuthResponse/hand_reader xml_read_AuthResponse/h2h xml_read_AuthResponse/hand_reader ≤1.2
XML_read_AuthRequest/bare_events xml_read_AuthRequest/h2h xml_read_AuthRequest/bare_events ≤2.0
XML_read_AuthResponse/bare_events xml_read_AuthResponse/h2h xml_read_AuthResponse/bare_events ≤2.0
XML_read_AuthRequest_dotnet_reported/bare_events xml_read_AuthRequest/h2h_dotnet xml_read_AuthRequest/bare_events ≤2.0
XML_read_AuthResponse_dotnet_reported/bare_events xml_read_AuthResponse/h2h_dotnet xml_read_AuthResponse/bare_events ≤2.0
XML_write_AuthRequest/instant-xml xml_write_AuthRequest/h2h xml_write_AuthRequest/instant_xml -
XML_write_AuthResponse/instant-xml xml_write_AuthResponse/h2h xml_write_AuthResponse/instant_xml -
XML_write_AuthRequest/xmlity xml_write_AuthRequest/h2h xml_write_AuthRequest/xmlity -
XML_write_AuthResponse/xmlity xml_write_AuthResponse/h2h xml_write_AuthResponse/xmlity -
XML_write_AuthRequest/xsd-parser xml_write_AuthRequest/h2h xml_write_AuthRequest/xsd_parser -
XML_read_AuthRequest/xsd-parser xml_read_AuthRequest/h2h xml_read_AuthRequest/xsd_parser -
XML_read_AuthRequest/instant-xml xml_read_AuthRequest/h2h xml_read_AuthRequest/instant_xml -
XML_read_AuthResponse/instant-xml xml_read_AuthResponse/h2h xml_read_AuthResponse/instant_xml -
XML_read_AuthRequest/xmlity xml_read_AuthRequest/h2h xml_read_AuthRequest/xmlity -
XML_read_AuthResponse/xmlity xml_read_AuthResponse/h2h xml_read_AuthResponse/xmlity -
JSON_write_AuthRequest/serde_json json_write_AuthRequest/h2h json_write_AuthRequest/serde_json ≤1.1
JSON_write_AuthResponse/serde_json json_write_AuthResponse/h2h json_write_AuthResponse/serde_json ≤1.1
JSON_read_AuthRequest/serde_json json_read_AuthRequest/h2h json_read_AuthRequest/serde_json ≤1.1
JSON_read_AuthResponse/serde_json json_read_AuthResponse/h2h json_read_AuthResponse/serde_json ≤1.1
EOF
fi

if $scale; then
    # Code generation at scale: a synthetic schema of 1,000 contracts.
    tmp=$(mktemp -d)
    benches/synthetic_schema.sh "$tmp/api" 1000
    cargo build --release -q -p xtask
    echo "load + validate (release xtask, best of 3):"
    for _ in 1 2 3; do /usr/bin/time -f "  %e s, %M KB peak RSS" target/release/xtask validate "$tmp/api" >/dev/null; done
    # Regenerating writes into the workspace, so it runs on a copy whose schema/api is the
    # synthetic schema (its own xtask build, in its own target directory).
    mkdir "$tmp/ws"
    tar --exclude=./target --exclude=./.git -cf - . | tar -xf - -C "$tmp/ws"
    rm "$tmp"/ws/schema/api/*.toml
    cp "$tmp"/api/*.toml "$tmp/ws/schema/api/"
    (cd "$tmp/ws" && CARGO_TARGET_DIR="$tmp/target" cargo build --release -q -p xtask)
    echo "regenerate of the copy (first run writes every file, then two unchanged runs):"
    for _ in 1 2 3; do
        (cd "$tmp/ws" && /usr/bin/time -f "  %e s, %M KB peak RSS" "$tmp/target/release/xtask" regenerate >/dev/null)
    done
    echo "(left in $tmp; remove it when done)"
fi
