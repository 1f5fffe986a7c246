#!/bin/sh
# Make the read cases of h2h-models/tests/fixtures/own-vectors from their list, with the real
# serializers: each line of read-cases.txt is `name|root contract|input|what it pins`, and the
# case's result file is what the harness (built with the corpus contracts) answers. An input
# written `%b:...` is expanded by printf's %b first (`\n`, `\r`, `\t`, `\0ddd` in octal, `\\`),
# for bytes a line cannot hold (line breaks, NUL); other inputs are taken as they are.
#
#   conformance/dotnet/own-vectors.sh            (needs Mono; see build.sh)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/h2h-models/tests/fixtures/own-vectors"
ns=Cebes.DI.H2H.Api.Models
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
"$here/build.sh" "$root/conformance/dotnet/generated/corpus.cs" "$build" >/dev/null

grep -v '^#' "$out/read-cases.txt" | grep -v '^$' | while IFS='|' read -r name type input what; do
    case "$name" in
        read-json-*) op=json2json; file=input.json; result=jsonnet-result.txt ;;
        read-xml-*) op=xml2json; file=input.xml; result=dcs-result.txt ;;
        *) echo "error: $name: a read case is named read-json-* or read-xml-*" >&2; exit 1 ;;
    esac
    mkdir -p "$out/$name"
    case "$input" in
        %b:*) printf '%b' "${input#%b:}" > "$out/$name/$file" ;;
        *) printf '%s' "$input" > "$out/$name/$file" ;;
    esac
    answer=$(echo "$op $ns.$type $(base64 -w0 < "$out/$name/$file")" | mono "$build/harness.exe")
    body=$(echo "${answer#* }" | base64 -d)
    case "$answer" in
        "OK "*) printf 'OK\njson: %s\n' "$body" > "$out/$name/$result" ;;
        *) printf 'ERROR\n%s\n' "$body" > "$out/$name/$result" ;;
    esac
    printf '// Vector %s: made by conformance/dotnet/own-vectors.sh, not the oracle.\n// Root type: %s (%s.%s)\n// %s\n' \
        "$name" "$type" "$ns" "$type" "$what" > "$out/$name/contract.cs"
    echo "$name: $(head -1 "$out/$name/$result")"
done
