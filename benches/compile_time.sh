#!/usr/bin/env bash
# Compile time of the generated crate against serde's derive (issue #19), from the workspace
# root:
#
#   benches/compile_time.sh                # 1,000 contracts, 3 timed runs per crate and mode
#   REPS=5 RELEASE=1 benches/compile_time.sh   # more runs; also time the release profile
#
# Target: rebuilding the generated crate of the 1,000-contract schema takes at most 1.5x as
# long as rebuilding the same structs and enums with serde's derive only.
#
# Everything happens in a temporary directory; the working tree is never written to:
#   1. benches/synthetic_schema.sh writes the synthetic schema (N contracts, 50 enums, N/10
#      endpoints); the workspace is copied without target/ and .git (as `benches/run.sh
#      --scale` does), the copy's schema/api replaced by the synthetic schema, and the copy's
#      own xtask (dev profile) runs `regenerate` there.
#   2. The baseline crate `h2h-models-serde` is made in the copy, a workspace member beside
#      h2h-models, by a mechanical transformation of the copy's h2h-models/src:
#        - lib.rs is h2h-models' own, plus a module `serde_shim` (see below);
#        - generated/*.rs: `::datacontract::DataContract` in each derive list becomes
#          `::serde::Serialize, ::serde::Deserialize`; every `#[h2h(...)]` attribute (of
#          types, fields and variants) is deleted; the other derives (Clone, PartialEq,
#          Default, ...), the field types, the `#[default]` variants, the `...Members` traits
#          of base classes and their impls are kept as they are;
#        - endpoints.rs (the `Endpoint` impls and `visit_all`) and catalog.rs (`visit_contract`)
#          are dropped, with their two `pub mod` lines in generated/mod.rs: their trait bounds
#          need the derive's traits;
#        - the runtime's value types implement datacontract's `JsonValue`, not serde's traits,
#          so `::datacontract::DateTime` (the only runtime type among the synthetic schema's
#          field types; any other is an error here) becomes `crate::serde_shim::DateTime`, a
#          `#[repr(transparent)]` newtype whose serde impls call the runtime's `JsonValue`.
#      The script then proves the two are the same definitions: with every attribute and
#      comment removed (and the shim's path mapped back), the kept files of both crates must be
#      byte-identical, and the number of derives must match the number of structs and enums.
#   3. Both crates are built once per mode (dependencies, incremental caches), then each is
#      rebuilt alone after a `touch` of its lib.rs, REPS times, the two crates alternating
#      (ours, baseline, then baseline, ours, ...) so that machine load hits both. Modes: dev
#      (incremental, cargo's default), dev with CARGO_INCREMENTAL=0, and with RELEASE=1 the
#      release profile. A run's time is cargo's wall clock (`cargo build -p CRATE`).
#   4. A markdown table of medians per mode and their ratio, then every run's time and the load
#      average (`/proc/loadavg`) before and after each mode.
#
# Environment: CONTRACTS (1000), REPS (3), RELEASE (0; 1 also times `--release`), KEEP=1 (keep
# the temporary directory and print its path), TMPDIR (where the temporary directory goes; the
# copy and its target directory need about 8 GB: the incremental caches of the two crates
# alone take 3.8 GB, and are deleted once the incremental runs are done). Two shared cores under load make single runs
# noisy: compare the ratios of one invocation, on a quiet machine (`uptime`).
set -euo pipefail
cd "$(dirname "$0")/.."

CONTRACTS=${CONTRACTS:-1000}
REPS=${REPS:-3}
RELEASE=${RELEASE:-0}
KEEP=${KEEP:-0}

die() { echo "error: $*" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/h2h-compile-time.XXXXXX")
avail_gb=$(($(df --output=avail -k "$tmp" | tail -1) / 1024 / 1024))
((avail_gb >= 8)) || echo "warning: $avail_gb GB free under $tmp; the builds need about 8 GB" >&2
if [[ $KEEP == 1 ]]; then
    trap 'echo "(left in $tmp; remove it when done)"' EXIT
else
    trap 'rm -rf "$tmp"' EXIT
fi
ws=$tmp/ws
export CARGO_TARGET_DIR=$tmp/target
unset CARGO_INCREMENTAL RUSTFLAGS CARGO_BUILD_RUSTFLAGS

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(rustc --version), load: $(load)"

# 1. The synthetic schema, a copy of the workspace, the copy's regenerate.
benches/synthetic_schema.sh "$tmp/api" "$CONTRACTS" >/dev/null
mkdir "$ws"
tar --exclude=./target --exclude=./.git -cf - . | tar -xf - -C "$ws"
rm "$ws"/schema/api/*.toml
cp "$tmp"/api/*.toml "$ws/schema/api/"
(cd "$ws" && cargo build -q -p xtask && "$CARGO_TARGET_DIR/debug/xtask" regenerate >/dev/null)
ours=$ws/h2h-models/src
echo "-- regenerated h2h-models of $CONTRACTS contracts: $(cat "$ours"/generated/*.rs | wc -l) lines in $(find "$ours/generated" -name '*.rs' | wc -l) files"

# 2. The baseline crate: the same definitions with serde's derive only.
base_dir=$ws/h2h-models-serde
base=$base_dir/src
mkdir -p "$base/generated"
cat >"$base_dir/Cargo.toml" <<'EOF'
[package]
name = "h2h-models-serde"
version = "0.1.0"
description = "Baseline of benches/compile_time.sh: h2h-models' generated types with serde's derive only"
edition.workspace = true
license.workspace = true
rust-version.workspace = true
publish.workspace = true

[dependencies]
datacontract.workspace = true
serde.workspace = true

[lints]
workspace = true
EOF
grep -q '^members = \[' "$ws/Cargo.toml" || die "no members = [ line in Cargo.toml"
sed -i 's/^members = \[/members = ["h2h-models-serde", /' "$ws/Cargo.toml"
{
    cat "$ours/lib.rs"
    cat <<'EOF'

/// The runtime's value types with serde's traits: they implement datacontract's `JsonValue`
/// (Json.NET's forms), which the `DataContract` derive calls, not `serde::Serialize`.
pub mod serde_shim {
    /// A `datacontract::DateTime` written and read through its `JsonValue` impl.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    #[repr(transparent)]
    pub struct DateTime(pub ::datacontract::DateTime);

    impl ::serde::Serialize for DateTime {
        fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
            ::datacontract::json::JsonValue::write_json(&self.0, s)
        }
    }

    impl<'de> ::serde::Deserialize<'de> for DateTime {
        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
            <::datacontract::DateTime as ::datacontract::json::JsonValue>::read_json(d).map(DateTime)
        }
    }
}
EOF
} >"$base/lib.rs"
for f in "$ours"/generated/*.rs; do
    name=$(basename "$f")
    case $name in endpoints.rs | catalog.rs) continue ;; esac
    # Balanced parentheses (strings may hold any) after `#[h2h`, the attribute on its own lines.
    perl -0777 -pe '
        s/^[ \t]*#\[h2h(\((?:[^()"]++|"(?:[^"\\]|\\.)*+"|(?1))*\))\][ \t]*\n//mg;
        s/::datacontract::DataContract\b/::serde::Serialize, ::serde::Deserialize/g;
        s/::datacontract::DateTime\b/crate::serde_shim::DateTime/g;
        s/^pub mod (?:endpoints|catalog);\n//mg;
    ' "$f" >"$base/generated/$name"
done
if left=$(grep -n 'h2h(\|::datacontract::' "$base"/generated/*.rs); then
    die "the baseline still names the derive's attributes or the runtime (add a shim?):
$(head -5 <<<"$left")"
fi

# The proof: the kept files without attributes and comments are the same text.
normalize() { # SRC_DIR OUT_DIR
    mkdir -p "$2"
    for f in "$base"/generated/*.rs; do
        perl -0777 -pe '
            s/^[ \t]*#!?(\[(?:[^\[\]"]++|"(?:[^"\\]|\\.)*+"|(?1))*\])[ \t]*\n//mg;
            s{^[ \t]*//.*\n}{}mg;
            s/crate::serde_shim::DateTime\b/::datacontract::DateTime/g;
            s/^pub mod (?:endpoints|catalog);\n//mg;
        ' "$1/generated/$(basename "$f")" >"$2/$(basename "$f")"
    done
}
normalize "$ours" "$tmp/norm/ours"
normalize "$base" "$tmp/norm/base"
diff -r "$tmp/norm/ours" "$tmp/norm/base" >"$tmp/norm.diff" ||
    die "the baseline's definitions differ from h2h-models' (first lines of the diff):
$(head -20 "$tmp/norm.diff")"
kept=()
for f in "$base"/generated/*.rs; do kept+=("$(basename "$f")"); done
count() { (cd "$1/generated" && cat "${kept[@]}") | grep -cE "$2" || true; }
structs=$(count "$ours" '^pub struct ')
enums=$(count "$ours" '^pub enum ')
base_structs=$(count "$base" '^pub struct ')
base_enums=$(count "$base" '^pub enum ')
fields=$(cat "$tmp"/norm/ours/*.rs | grep -cE '^    pub [a-z_0-9]+: ' || true)
base_fields=$(cat "$tmp"/norm/base/*.rs | grep -cE '^    pub [a-z_0-9]+: ' || true)
derives_ours=$(cat "$ours"/generated/*.rs | grep -o '::datacontract::DataContract' | wc -l)
derives_base=$(cat "$base"/generated/*.rs | grep -o '::serde::Serialize, ::serde::Deserialize' | wc -l)
((structs == base_structs && enums == base_enums && fields == base_fields)) ||
    die "structs/enums/fields differ: $structs/$enums/$fields against $base_structs/$base_enums/$base_fields"
((derives_ours == structs + enums)) || die "$derives_ours DataContract derives for $structs structs and $enums enums"
((derives_base == derives_ours)) || die "$derives_base serde derives against $derives_ours DataContract derives"
echo "-- same definitions in both crates: $structs structs, $enums enums ($derives_ours derives each), $fields fields; only attributes differ"
echo "   (h2h-models also has endpoints.rs and catalog.rs: $(cat "$ours"/generated/endpoints.rs "$ours"/generated/catalog.rs | wc -l) lines, not in the baseline)"

# 3. Timing.
crates=(h2h-models h2h-models-serde)
declare -A dirs=([h2h-models]=$ws/h2h-models [h2h-models-serde]=$base_dir)
build() { # MODE CRATE -> seconds on stdout
    local mode=$1 crate=$2 t0 t1 args=(build -q -p "$2")
    [[ $mode == release ]] && args+=(--release)
    touch "${dirs[$crate]}/src/lib.rs"
    t0=$(date +%s.%N)
    if [[ $mode == dev-noinc ]]; then
        (cd "$ws" && CARGO_INCREMENTAL=0 cargo "${args[@]}") 2>"$tmp/build.log" || { cat "$tmp/build.log" >&2; die "build of $crate ($mode) failed"; }
    else
        (cd "$ws" && cargo "${args[@]}") 2>"$tmp/build.log" || { cat "$tmp/build.log" >&2; die "build of $crate ($mode) failed"; }
    fi
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

modes=(dev dev-noinc)
[[ $RELEASE == 1 ]] && modes+=(release)
declare -A label=([dev]="dev, incremental" [dev-noinc]="dev, CARGO_INCREMENTAL=0" [release]="release")
declare -A med runs loads
for mode in "${modes[@]}"; do
    loads[$mode]="$(load)"
    # Untimed: dependencies in this mode, the crates' first builds and incremental caches.
    for crate in "${crates[@]}"; do
        s=$(build "$mode" "$crate")
        echo "-- $mode: first build of $crate (untimed): $s s" >&2
    done
    declare -A samples=([h2h-models]="" [h2h-models-serde]="")
    for rep in $(seq 1 "$REPS"); do
        order=("${crates[@]}")
        ((rep % 2 == 0)) && order=(h2h-models-serde h2h-models)
        for crate in "${order[@]}"; do
            s=$(build "$mode" "$crate")
            echo "-- $mode, run $rep, $crate: $s s (load $(load))" >&2
            samples[$crate]+="$s "
        done
    done
    for crate in "${crates[@]}"; do
        # shellcheck disable=SC2086 # the samples are numbers separated by spaces
        med[$mode,$crate]=$(median ${samples[$crate]})
        runs[$mode,$crate]=${samples[$crate]% }
    done
    loads[$mode]+=" -> $(load)"
    # The incremental caches (3.8 GB for the two crates) are of no use to the other modes.
    if [[ $mode == dev ]]; then rm -rf "$CARGO_TARGET_DIR/debug/incremental"; fi
done

# 4. The table.
echo
echo "Rebuild of the generated crate alone after a \`touch\` (median of $REPS; $CONTRACTS contracts, $(date -u +%Y-%m-%d), load before: ${loads[dev]%% ->*}):"
echo
echo "| profile | h2h-models (DataContract) | same types, serde derive only | ratio | target |"
echo "|---|---:|---:|---:|---|"
for mode in "${modes[@]}"; do
    a=${med[$mode,h2h-models]}; b=${med[$mode,h2h-models-serde]}
    echo "| ${label[$mode]} | $a s | $b s | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')× | ≤ 1.5× |"
done
echo
for mode in "${modes[@]}"; do
    echo "${label[$mode]}: h2h-models ${runs[$mode,h2h-models]}; serde ${runs[$mode,h2h-models-serde]} (s); load ${loads[$mode]}"
done
