#!/usr/bin/env bash
# The mock server's load benchmark (issue #16), from the workspace root:
#
#   benches/load/run.sh                 # both phases: 3 rounds of 10 s per run (4-5 minutes)
#   DURATION=30s benches/load/run.sh    # longer runs (wrk's -d syntax)
#   STRICT=1 benches/load/run.sh        # exit 1 when a target is missed
#
# Phase 1, throughput: wrk (-t2 -c64 --latency) posts the documented sample AuthRequest to
# `POST Session/Logout`, in JSON and in XML (Content-Type and Accept of that format), against
#   - bare axum (`bare-axum`, benches/load/bare_axum.rs): one handler answering the mock's
#     exact bytes, fetched from the mock first (benches/load/AuthResponse.* without a mock),
#   - the mock (`h2h serve --addr 127.0.0.1:PORT --log warn`),
#   - Mono's ASP.NET Web API self-host (conformance/webapi), answering the sample response
#     (`X-H2h-Respond`); it serves one request at a time, so its numbers are low.
# Target: the mock reaches >= 0.8 x bare axum's requests/s in both formats with zero errors.
# Beside req/s, each server's CPU time per request (/proc/PID/stat over the run): on a busy
# machine req/s follow the other work, the CPU a request costs much less.
#
# Phase 2, mixed: a fresh mock (`--max-body`, `--header-timeout`, `--body-timeout`) under wrk
# load of good requests (JSON and XML alternating) while a bounded loop sends unreadable bodies,
# oversized bodies (Content-Length and chunked), unknown routes, wrong methods and clients that
# stall in their headers or body. Its RSS is sampled every second. Target: alive at the end,
# max RSS < RSS_BOUND_MIB (64), no wrk error.
#
# Environment: DURATION (10s), ROUNDS (3: the table shows medians; bare axum and the mock run
# next to each other in each round), WARMUP (2s, 0 to skip; not recorded), MIXED_DURATION
# (DURATION), RSS_BOUND_MIB (64), MAX_BODY (1048576), TIMEOUT_SECS (2, the mock's header and
# body timeouts in phase 2), H2H (an h2h binary to use instead of building h2h-cli), STRICT,
# KEEP=1 (keep the logs and wrk outputs), CI (true: a missing Mono is a failure).
#
# Everything runs on 127.0.0.1; every server, wrk and client started here is stopped on exit.
# wrk and the servers share the machine's cores: compare ratios measured in one run, on a quiet
# machine (`uptime`).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
ROUNDS=${ROUNDS:-3}
MIXED_DURATION=${MIXED_DURATION:-$DURATION}
RSS_BOUND_MIB=${RSS_BOUND_MIB:-64}
MAX_BODY=${MAX_BODY:-1048576}
TIMEOUT_SECS=${TIMEOUT_SECS:-2}
STRICT=${STRICT:-0}
CONNECTIONS=64
THREADS=2

REQUEST_JSON='{"token":"sample string 1","securityCode":"sample string 2","language":1,"userID":"sample string 3","accessToken":"sample string 4"}'
REQUEST_XML='<AuthRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken>sample string 4</accessToken><userID>sample string 3</userID><language>ID</language><securityCode>sample string 2</securityCode><token>sample string 1</token></AuthRequest>'
ROUTE=/Session/Logout

die() { echo "error: $*" >&2; exit 1; }
loud() { printf '\n!!!!!!!!!! %s\n\n' "$*" >&2; }
note() { echo "-- $*"; }

# wrk's duration syntax (10s, 2m, 1h, or seconds) to whole seconds, for the bounds below.
seconds() {
    case $1 in
        *s) echo "${1%s}" ;; *m) echo $((${1%m} * 60)) ;; *h) echo $((${1%h} * 3600)) ;;
        *) echo "$1" ;;
    esac
}
for value in "$DURATION" "$WARMUP" "$MIXED_DURATION"; do
    [[ $value =~ ^[0-9]+[smh]?$ ]] || die "bad duration '$value' (10s, 2m, ...)"
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "bad ROUNDS '$ROUNDS'"

# ---- tools
for tool in curl base64 cmp awk; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing wrk (apt-get install wrk)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
    command -v wrk >/dev/null || die "wrk is not installed and this is not root with apt-get: install the Debian package wrk"
fi

# ---- cleanup: every process started here, by its id
tmp=$(mktemp -d "${TMPDIR:-/tmp}/h2h-load.XXXXXX")
started=()
mono_fd=
# shellcheck disable=SC2317 # (called by the EXIT trap)
cleanup() {
    local status=$? pid
    trap - EXIT
    if [ -n "$mono_fd" ]; then exec {mono_fd}>&- || true; fi
    for pid in "${started[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${started[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ] || [ "$status" != 0 ]; then
        echo "(logs and wrk outputs left in $tmp)" >&2
    else
        rm -rf "$tmp"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free loopback port: the kernel's pick through python3, else a random one that refuses.
free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    die "no free port found"
}

# Waits (at most 10 s) until something answers HTTP on the port, while the process lives.
wait_http() {
    local pid=$1 port=$2
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 1
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && return 0
        sleep 0.1
    done
    return 1
}

# Stops one server with SIGTERM (its graceful shutdown) and says how it went.
stop_server() {
    local name=$1 pid=$2 status=0
    kill -TERM "$pid" 2>/dev/null || { note "$name had already exited"; return; }
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        loud "$name did not exit within 10 s of SIGTERM (killed)"
        return
    fi
    wait "$pid" 2>/dev/null || status=$?
    note "$name stopped on SIGTERM, exit status $status"
}

format_mime() { if [ "$1" = xml ]; then echo application/xml; else echo application/json; fi; }
format_body() { if [ "$1" = xml ]; then printf '%s' "$REQUEST_XML"; else printf '%s' "$REQUEST_JSON"; fi; }
format_name() { if [ "$1" = xml ]; then echo XML; else echo JSON; fi; }

# One POST of the sample request: writes the body to $3, prints "status content-type".
post_sample() {
    local port=$1 format=$2 out=$3 mime
    shift 3
    mime=$(format_mime "$format")
    curl -sS --max-time 10 -o "$out" -w '%{http_code} %{content_type}\n' -X POST \
        -H "Content-Type: $mime" -H "Accept: $mime" "$@" \
        --data-binary "$(format_body "$format")" "http://127.0.0.1:$port$ROUTE"
}

# The lua script of a run: the request, and a machine-readable summary line at the end.
lua_done='
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("H2H-WRK requests=%d duration_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(99), e.status, e.connect, e.read,
        e.write, e.timeout))
end'
write_lua() {
    local format=$1 file=$2 extra_header=${3:-} mime
    mime=$(format_mime "$format")
    {
        echo 'wrk.method = "POST"'
        echo "wrk.body = [=[$(format_body "$format")]=]"
        echo "wrk.headers[\"Content-Type\"] = \"$mime\""
        echo "wrk.headers[\"Accept\"] = \"$mime\""
        if [ -n "$extra_header" ]; then echo "wrk.headers[\"${extra_header%%:*}\"] = \"${extra_header#*: }\""; fi
        echo "$lua_done"
    } >"$file"
}

# Runs wrk; prints its summary line's fields; keeps its whole output in $tmp.
run_wrk() {
    local port=$1 lua=$2 duration=$3 out=$4 bound
    bound=$(($(seconds "$duration") + 60))
    timeout "$bound" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$lua" \
        "http://127.0.0.1:$port$ROUTE" >"$out" 2>&1 || die "wrk failed ($out): $(tail -3 "$out")"
    grep -m1 '^H2H-WRK ' "$out" || die "no summary in wrk's output ($out)"
}

# ---- build
echo "== $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds (warm-up $WARMUP per server and format, not recorded)"
if awk '{ exit !($1 > 1.0) }' /proc/loadavg; then
    loud "the machine is busy (load $(cut -d' ' -f1 /proc/loadavg)): wrk and the servers share its cores with other work, ratios of single runs vary widely"
fi
cargo build --release -q -p h2h-benches --bin bare-axum
bare_bin=target/release/bare-axum
if [ -n "${H2H:-}" ]; then
    h2h_bin=$H2H
else
    cargo build --release -q -p h2h-cli --bin h2h
    h2h_bin=target/release/h2h
fi
have_mock=false
if "$h2h_bin" serve --help >/dev/null 2>&1; then
    have_mock=true
else
    loud "MOCK MISSING: '$h2h_bin serve' does not exist on this build; the mock's rows and the mixed phase are SKIPPED, bare axum answers benches/load/AuthResponse.{json,xml}"
fi

# ---- the mock first: its bytes are what bare axum answers
declare -A rps p99 errors error_detail cpu
declare -A label=([bare]="bare axum" [mock]="h2h serve (mock)" [mono]="Mono Web API (1 request at a time)")
mock_pid=
if $have_mock; then
    mock_port=$(free_port)
    "$h2h_bin" serve --addr "127.0.0.1:$mock_port" --log warn >"$tmp/mock.log" 2>&1 &
    mock_pid=$!
    started+=("$mock_pid")
    wait_http "$mock_pid" "$mock_port" || die "h2h serve did not start: $(tail -5 "$tmp/mock.log")"
    for format in json xml; do
        read -r status type < <(post_sample "$mock_port" "$format" "$tmp/answer.$format")
        [ "$status" = 200 ] || die "the mock answered $status to the $(format_name "$format") sample: $(head -c 300 "$tmp/answer.$format")"
        note "mock, $(format_name "$format"): 200, $type, $(wc -c <"$tmp/answer.$format") bytes$(cmp -s "$tmp/answer.$format" "benches/load/AuthResponse.$format" && echo ", the documented sample" || echo ", NOT the bytes of benches/load/AuthResponse.$format")"
        [[ $type == "$(format_mime "$format"); charset=utf-8" ]] || loud "the mock's Content-Type for $(format_name "$format") is '$type', bare axum's is '$(format_mime "$format"); charset=utf-8'"
    done
    answers_from="the mock"
else
    cp benches/load/AuthResponse.json "$tmp/answer.json"
    cp benches/load/AuthResponse.xml "$tmp/answer.xml"
    answers_from="benches/load/AuthResponse.*"
fi

# ---- bare axum
bare_port=$(free_port)
"$bare_bin" --addr "127.0.0.1:$bare_port" --xml "$tmp/answer.xml" --json "$tmp/answer.json" >"$tmp/bare.log" 2>&1 &
bare_pid=$!
started+=("$bare_pid")
wait_http "$bare_pid" "$bare_port" || die "bare-axum did not start: $(tail -5 "$tmp/bare.log")"
for format in json xml; do
    read -r status type < <(post_sample "$bare_port" "$format" "$tmp/bare.$format")
    [ "$status" = 200 ] || die "bare axum answered $status to the $(format_name "$format") sample"
    cmp -s "$tmp/bare.$format" "$tmp/answer.$format" || die "bare axum's $(format_name "$format") body differs from $answers_from's"
    note "bare axum, $(format_name "$format"): 200, $type, the same bytes as $answers_from"
done

# ---- Mono's Web API
mono_dir=target/tmp/webapi-load
mono_pid=
mono_port=
mono_gen=0
mono_hangs=0
respond="X-H2h-Respond: $(base64 -w0 benches/load/AuthResponse.json)"
# Starts the host on a fresh port, its stdin a fifo held open here, and waits for its READY.
start_mono() {
    local fifo log
    mono_gen=$((mono_gen + 1))
    mono_port=$(free_port)
    fifo="$tmp/mono.stdin.$mono_gen"
    log="$tmp/mono.$mono_gen.log"
    mkfifo "$fifo"
    mono "$mono_dir/host.exe" "$mono_port" <"$fifo" >"$log" 2>&1 &
    mono_pid=$!
    started+=("$mono_pid")
    exec {mono_fd}>"$fifo"
    for _ in $(seq 600); do
        grep -q "^READY $mono_port" "$log" && return 0
        kill -0 "$mono_pid" 2>/dev/null || break
        sleep 0.1
    done
    die "the Web API host did not start within 60 s: $(tail -5 "$log")"
}
# Stops it the host's own way (its stdin closes), else by SIGTERM.
stop_mono() {
    exec {mono_fd}>&-
    mono_fd=
    for _ in $(seq 100); do kill -0 "$mono_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$mono_pid" 2>/dev/null; then
        note "Mono Web API still running 10 s after its stdin closed"
        stop_server "Mono Web API" "$mono_pid"
    else
        wait "$mono_pid" 2>/dev/null || true
        note "Mono Web API exited when its stdin closed"
    fi
}
mono_answers() {
    local status
    read -r status _ < <(post_sample "$mono_port" json /dev/null -H "$respond" 2>/dev/null)
    [ "$status" = 200 ]
}
if command -v mono >/dev/null && command -v mcs >/dev/null; then
    conformance/webapi/build.sh conformance/dotnet/generated/api.cs \
        conformance/dotnet/generated/api.controllers.cs "$mono_dir" || die "building the Web API host failed"
    start_mono
    for format in json xml; do
        read -r status type < <(post_sample "$mono_port" "$format" "$tmp/mono.$format" -H "$respond")
        [ "$status" = 200 ] || die "Mono answered $status to the $(format_name "$format") sample: $(head -c 300 "$tmp/mono.$format")"
        note "Mono Web API, $(format_name "$format"): 200, $type, $(wc -c <"$tmp/mono.$format") bytes$(cmp -s "$tmp/mono.$format" "$tmp/answer.$format" && echo ", the same bytes as $answers_from" || echo ", NOT the bytes of $answers_from")"
    done
elif [ "${CI:-}" = true ]; then
    die "Mono (mono, mcs) is missing under CI=true"
else
    loud "MONO MISSING: no mono/mcs on PATH; the Mono Web API rows are SKIPPED (apt-get install the packages of conformance/webapi/README.md)"
fi

# ---- phase 1: throughput
# ROUNDS rounds; in each, per format, the servers one after the other (bare axum next to the
# mock, so drift of the machine's load hits both alike). The table shows medians.
declare -A rps_runs p99_runs
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A port_of pid_of cpu_runs
clock_ticks=$(getconf CLK_TCK)
# A process's user + system CPU time, in clock ticks (the fields after its name's parenthesis).
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
measure() {
    local round=$1 server=$2 format=$3 extra="" lua line attempt
    local key="$server/$format" requests duration_us p99_us non2xx connect read write timeout run_rps detail="" failed
    local cpu_before cpu_after run_cpu
    lua="$tmp/$server-$format.lua"
    if [ "$server" = mono ]; then extra=$respond; fi
    if [ "$round" = 1 ]; then
        write_lua "$format" "$lua" "$extra"
        if [ "$(seconds "$WARMUP")" -gt 0 ]; then run_wrk "${port_of[$server]}" "$lua" "$WARMUP" "$tmp/warmup-$server-$format.txt" >/dev/null; fi
    fi
    for attempt in 1 2 3; do
        cpu_before=$(cpu_ticks "${pid_of[$server]}")
        line=$(run_wrk "${port_of[$server]}" "$lua" "$DURATION" "$tmp/wrk-$server-$format-$round-$attempt.txt")
        cpu_after=$(cpu_ticks "${pid_of[$server]}")
        # Mono's self-host now and then stops answering for good under 64 connections (its
        # connections left in CLOSE-WAIT): such a run is repeated on a new host.
        if [ "$server" != mono ] || mono_answers; then break; fi
        mono_hangs=$((mono_hangs + 1))
        loud "Mono Web API stopped answering during round $round, $(format_name "$format") (attempt $attempt): a known hang of Mono's self-host; restarting it$( ((attempt < 3)) && echo " and repeating the run")"
        stop_mono
        start_mono
        port_of[mono]=$mono_port
        pid_of[mono]=$mono_pid
        if [ "$(seconds "$WARMUP")" -gt 0 ]; then run_wrk "$mono_port" "$lua" "$WARMUP" "$tmp/warmup-mono-$mono_gen.txt" >/dev/null; fi
    done
    eval "$(tr ' ' '\n' <<<"${line#H2H-WRK }" | sed -n 's/^\([a-z0-9_]*\)=\([0-9]*\)$/\1=\2/p')"
    run_rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
    rps_runs[$key]="${rps_runs[$key]:-} $run_rps"
    p99_runs[$key]="${p99_runs[$key]:-} $p99_us"
    # The server's CPU time per answered request (µs): what it costs, whatever else runs.
    run_cpu=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$clock_ticks" -v r="$requests" 'BEGIN { printf "%.1f", r ? t / hz * 1e6 / r : 0 }')
    cpu_runs[$key]="${cpu_runs[$key]:-} $run_cpu"
    failed=$((non2xx + connect + read + write + timeout))
    if [ "$failed" != 0 ]; then
        detail=" (non-2xx $non2xx, connect $connect, read $read, write $write, timeout $timeout)"
    fi
    if [ "$requests" = 0 ]; then
        failed=$((failed + 1))
        detail="$detail (no request answered)"
    fi
    errors[$key]=$((${errors[$key]:-0} + failed))
    error_detail[$key]="${error_detail[$key]:-}$detail"
    note "round $round/$ROUNDS, ${label[$server]}, $(format_name "$format"): $run_rps req/s, p99 $(awk -v p="$p99_us" 'BEGIN { printf "%.2f ms", p / 1000 }'), errors $failed$detail, server CPU $run_cpu µs/request"
}
echo
servers=(bare)
port_of[bare]=$bare_port
pid_of[bare]=$bare_pid
if $have_mock; then servers+=(mock); port_of[mock]=$mock_port; pid_of[mock]=$mock_pid; fi
if [ -n "$mono_port" ]; then servers+=(mono); port_of[mono]=$mono_port; pid_of[mono]=$mono_pid; fi
for ((round = 1; round <= ROUNDS; round++)); do
    for format in json xml; do
        for server in "${servers[@]}"; do
            measure "$round" "$server" "$format"
        done
    done
done
for key in "${!rps_runs[@]}"; do
    rps[$key]=$(median <<<"${rps_runs[$key]}")
    p99[$key]=$(awk -v p="$(median <<<"${p99_runs[$key]}")" 'BEGIN { printf "%.2f ms", p / 1000 }')
    cpu[$key]=$(tr ' ' '\n' <<<"${cpu_runs[$key]}" | grep . | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
done
stop_server "bare axum" "$bare_pid"
if $have_mock; then stop_server "h2h serve" "$mock_pid"; fi
if [ -n "$mono_port" ]; then stop_mono; fi

echo
echo "Medians of $ROUNDS rounds of $DURATION (errors: the sum of the rounds):"
echo
echo "| server | format | req/s | p99 | errors | × bare axum | server CPU µs/request | × bare axum |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for server in "${servers[@]}"; do
    for format in json xml; do
        key="$server/$format"
        ratio=$(awk -v a="${rps[$key]}" -v b="${rps[bare/$format]}" 'BEGIN { printf "%.2f", a / b }')
        cpu_ratio=$(awk -v a="${cpu[$key]}" -v b="${cpu[bare/$format]}" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
        echo "| ${label[$server]} | $(format_name "$format") | ${rps[$key]} | ${p99[$key]} | ${errors[$key]}${error_detail[$key]:-} | $ratio | ${cpu[$key]} | $cpu_ratio |"
    done
done
if [ "$mono_hangs" != 0 ]; then
    echo
    echo "Mono's self-host stopped answering $mono_hangs time(s) and was restarted; those runs were repeated (the table has the repeats)."
fi
echo
missed=0
for format in json xml; do
    if ! $have_mock; then
        echo "target (mock ≥ 0.8 × bare axum, 0 errors), $(format_name "$format"): NOT MEASURED (no h2h serve)"
        missed=1
        continue
    fi
    ratio=$(awk -v a="${rps[mock/$format]}" -v b="${rps[bare/$format]}" 'BEGIN { printf "%.2f", a / b }')
    if awk -v r="$ratio" 'BEGIN { exit !(r >= 0.8) }' && [ "${errors[mock/$format]}" = 0 ]; then
        verdict=MET
    else
        verdict=MISSED
        missed=1
    fi
    cpu_ratio=$(awk -v a="${cpu[mock/$format]}" -v b="${cpu[bare/$format]}" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
    echo "target (mock ≥ 0.8 × bare axum, 0 errors), $(format_name "$format"): $verdict (${ratio}×, ${errors[mock/$format]} errors; CPU per request ${cpu_ratio}× bare axum's)"
done

echo "== load after the throughput runs: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- phase 2: mixed
echo
if ! $have_mock; then
    loud "MIXED PHASE SKIPPED: no h2h serve"
    echo "target (mixed: alive, max RSS < $RSS_BOUND_MIB MiB, 0 wrk errors): NOT MEASURED (no h2h serve)"
    if [ "$STRICT" = 1 ]; then exit 1; fi
    exit 0
fi
echo "== mixed: wrk -t$THREADS -c$CONNECTIONS -d$MIXED_DURATION (JSON and XML alternating) against h2h serve --max-body $MAX_BODY --header-timeout $TIMEOUT_SECS --body-timeout $TIMEOUT_SECS, with bad, oversized, slow, unknown-route and wrong-method requests beside"
mixed_port=$(free_port)
"$h2h_bin" serve --addr "127.0.0.1:$mixed_port" --log warn --max-body "$MAX_BODY" \
    --header-timeout "$TIMEOUT_SECS" --body-timeout "$TIMEOUT_SECS" >"$tmp/mixed.log" 2>&1 &
mixed_pid=$!
started+=("$mixed_pid")
wait_http "$mixed_pid" "$mixed_port" || die "h2h serve (mixed) did not start: $(tail -5 "$tmp/mixed.log")"

mixed_seconds=$(seconds "$MIXED_DURATION")
# RSS once a second, in KiB, until the end of the phase (bounded).
(
    for _ in $(seq $((mixed_seconds + 30))); do
        awk '/^VmRSS:/ { print $2 }' "/proc/$mixed_pid/status" 2>/dev/null || exit 0
        sleep 1
    done
) >"$tmp/rss.txt" &
sampler_pid=$!
started+=("$sampler_pid")

# Good requests: JSON and XML alternating.
{
    echo 'local requests = {}'
    echo 'local i = 0'
    echo 'function init(args)'
    for format in json xml; do
        echo "    table.insert(requests, wrk.format(\"POST\", \"$ROUTE\", {[\"Content-Type\"] = \"$(format_mime "$format")\", [\"Accept\"] = \"$(format_mime "$format")\"}, [=[$(format_body "$format")]=]))"
    done
    echo 'end'
    echo 'function request() i = i + 1; return requests[i % 2 + 1] end'
    echo "$lua_done"
} >"$tmp/mixed.lua"
timeout $((mixed_seconds + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$MIXED_DURATION" --latency \
    -s "$tmp/mixed.lua" "http://127.0.0.1:$mixed_port$ROUTE" >"$tmp/wrk-mixed.txt" 2>&1 &
wrk_pid=$!
started+=("$wrk_pid")

# A client that sends part of a request and stalls; prints how the server ended it.
slow_client() {
    local kind=$1 fd line start code=0 elapsed
    { exec {fd}<>"/dev/tcp/127.0.0.1/$mixed_port"; } 2>/dev/null || { echo "$kind connect-failed 0"; return; }
    start=$EPOCHREALTIME
    if [ "$kind" = slow-headers ]; then
        printf 'POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' "$ROUTE" >&"$fd"
    else
        printf 'POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: %d\r\n\r\n%s' \
            "$ROUTE" "${#REQUEST_JSON}" "${REQUEST_JSON:0:20}" >&"$fd"
    fi
    IFS= read -r -t $((TIMEOUT_SECS + 6)) -u "$fd" line || code=$?
    elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
    exec {fd}>&-
    line=${line%$'\r'}
    if ((code > 128)); then
        echo "$kind still-open-after-$((TIMEOUT_SECS + 6))s $elapsed"
    elif [ -n "$line" ]; then
        echo "$kind answered:${line// /_} $elapsed"
    else
        echo "$kind closed $elapsed"
    fi
}

head -c $((2 * MAX_BODY)) /dev/zero | tr '\0' 'a' >"$tmp/oversized"
declare -A tally
bad() {
    local kind=$1 code
    shift
    code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$@" "http://127.0.0.1:$mixed_port$ROUTE") || code="$code/curl-$?"
    # The server may answer 413 and close while curl is still sending the body.
    if [[ $kind == oversized* ]]; then
        case $code in
            413/curl-*) code=413 ;;
            000/curl-55 | 000/curl-56) code=closed-while-sending ;;
        esac
    fi
    tally["$kind $code"]=$((${tally["$kind $code"]:-0} + 1))
}
slow_pids=()
rounds=0
for ((round = 0; round < 1000; round++)); do
    kill -0 "$wrk_pid" 2>/dev/null || break
    rounds=$((round + 1))
    bad bad-json -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary '{bad'
    bad bad-xml -X POST -H 'Content-Type: application/xml' -H 'Accept: application/xml' --data-binary '<bad'
    bad oversized -X POST -H 'Content-Type: application/json' -H 'Expect:' --data-binary "@$tmp/oversized"
    bad oversized-chunked -X POST -H 'Content-Type: application/json' -H 'Expect:' -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/oversized"
    code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mixed_port/H2hNoSuch/Route") || code="$code/curl-$?"
    tally["unknown-route $code"]=$((${tally["unknown-route $code"]:-0} + 1))
    bad wrong-method -X GET
    if ((round % 5 == 0 && ${#slow_pids[@]} < 40)); then
        slow_client slow-headers >>"$tmp/slow.txt" &
        slow_pids+=($!)
        started+=($!)
        slow_client slow-body >>"$tmp/slow.txt" &
        slow_pids+=($!)
        started+=($!)
    fi
    sleep 0.2
done
wait "$wrk_pid" || die "wrk (mixed) failed: $(tail -3 "$tmp/wrk-mixed.txt")"
for pid in "${slow_pids[@]}"; do wait "$pid" || true; done
sleep 1
alive=false
if kill -0 "$mixed_pid" 2>/dev/null; then alive=true; fi
kill -TERM "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true

line=$(grep -m1 '^H2H-WRK ' "$tmp/wrk-mixed.txt") || die "no summary in wrk's output ($tmp/wrk-mixed.txt)"
eval "$(tr ' ' '\n' <<<"${line#H2H-WRK }" | sed -n 's/^\([a-z0-9_]*\)=\([0-9]*\)$/\1=\2/p')"
mixed_errors=$((non2xx + connect + read + write + timeout))
mixed_rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
read -r rss_min rss_max rss_samples < <(awk 'NR == 1 || $1 < min { min = $1 } $1 > max { max = $1 } END { printf "%.1f %.1f %d\n", min / 1024, max / 1024, NR }' "$tmp/rss.txt")
note "good requests: $requests in ${MIXED_DURATION} ($mixed_rps req/s), p99 $(awk -v p="$p99_us" 'BEGIN { printf "%.2f ms", p / 1000 }'), errors $mixed_errors (non-2xx $non2xx, connect $connect, read $read, write $write, timeout $timeout)"
note "beside them, $rounds rounds (expected: bad-json 400, bad-xml 400, oversized and oversized-chunked 413 or closed while curl sends, unknown-route 404, wrong-method 405):"
declare -A expected=([bad-json]=400 [bad-xml]=400 [oversized]="413|closed-while-sending" [oversized-chunked]="413|closed-while-sending" [unknown-route]=404 [wrong-method]=405)
unexpected=0
for key in $(printf '%s\n' "${!tally[@]}" | tr ' ' '=' | sort); do
    kind=${key%%=*} code=${key#*=}
    mark=""
    if [[ "|${expected[$kind]}|" != *"|$code|"* ]]; then mark="  <- UNEXPECTED"; unexpected=1; fi
    echo "     $kind: $code × ${tally["$kind $code"]}$mark"
done
note "slow clients ($(wc -l <"$tmp/slow.txt"); header and body timeouts ${TIMEOUT_SECS} s), how the server ended them, with the seconds it took:"
awk '{ k = $1 " " $2; n[k]++; if (!(k in lo) || $3 < lo[k]) lo[k] = $3; if ($3 > hi[k]) hi[k] = $3 }
     END { for (k in n) printf "     %s × %d, %s–%s s\n", k, n[k], lo[k], hi[k] }' "$tmp/slow.txt" | sort
if grep -q 'still-open\|connect-failed' "$tmp/slow.txt"; then unexpected=1; fi
note "RSS of h2h serve: min $rss_min MiB, max $rss_max MiB ($rss_samples samples, one a second); alive at the end: $alive"
stop_server "h2h serve (mixed)" "$mixed_pid"
if [ "$unexpected" = 1 ]; then loud "the mixed phase saw answers other than the expected ones (above)"; fi
if $alive && awk -v m="$rss_max" -v b="$RSS_BOUND_MIB" 'BEGIN { exit !(m < b) }' && [ "$mixed_errors" = 0 ]; then
    verdict=MET
else
    verdict=MISSED
    missed=1
fi
echo
echo "target (mixed: alive, max RSS < $RSS_BOUND_MIB MiB, 0 wrk errors): $verdict (alive $alive, max RSS $rss_max MiB, $mixed_errors wrk errors)"
if [ "$STRICT" = 1 ] && [ "$missed" = 1 ]; then exit 1; fi
exit 0
