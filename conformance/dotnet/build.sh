#!/bin/sh
# Build the h2h differential harness: Harness.cs + a contracts file -> <out-dir>/harness.exe
#
#   conformance/dotnet/build.sh <contracts.cs> <out-dir>
#
# Needs Mono's C# compiler (mcs) and Json.NET 6.0.8
# (Debian/Ubuntu: apt-get install mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil
#  libmono-system-xml-linq4.0-cil libnewtonsoft-json5.0-cil).
# Set NEWTONSOFT_JSON_DLL to use a specific Newtonsoft.Json.dll.
set -eu

if [ "$#" -ne 2 ]; then
    echo "usage: $0 <contracts.cs> <out-dir>" >&2
    exit 2
fi
contracts=$1
out_dir=$2

if ! command -v mcs >/dev/null 2>&1; then
    echo "error: mcs (Mono C# compiler) not found on PATH; install it with: apt-get install mono-mcs mono-runtime libnewtonsoft-json5.0-cil" >&2
    exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -f "$contracts" ]; then
    echo "error: contracts file '$contracts' not found" >&2
    exit 1
fi

# Locate Newtonsoft.Json.dll: explicit override, Debian's GAC copy (6.0.x), its /usr/lib/cli copy, anything else.
json_dll=${NEWTONSOFT_JSON_DLL:-}
if [ -z "$json_dll" ]; then
    for candidate in /usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__*/Newtonsoft.Json.dll \
                     /usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll; do
        if [ -f "$candidate" ]; then
            json_dll=$candidate
            break
        fi
    done
fi
if [ -z "$json_dll" ]; then
    json_dll=$(find /usr /opt -name Newtonsoft.Json.dll 2>/dev/null | head -n 1 || true)
fi
if [ -z "$json_dll" ] || [ ! -f "$json_dll" ]; then
    echo "error: Newtonsoft.Json.dll not found; install it with: apt-get install libnewtonsoft-json5.0-cil (or set NEWTONSOFT_JSON_DLL)" >&2
    exit 1
fi

# Contracts may use DataAnnotations ([Required], ...): reference the real assembly when this
# Mono has it, else compile stand-in attributes (neither serializer reads them).
annotations_ref=
annotations_src="$here/DataAnnotationsShim.cs"
for dir in /usr/lib/mono/4.5 /usr/lib/mono/4.5-api; do
    if [ -f "$dir/System.ComponentModel.DataAnnotations.dll" ]; then
        annotations_ref=-r:System.ComponentModel.DataAnnotations.dll
        annotations_src=
        break
    fi
done

mkdir -p "$out_dir"
tmp_exe="$out_dir/harness.exe.tmp.$$"
trap 'rm -f "$tmp_exe"' EXIT

mcs -nologo -warn:0 -optimize+ -target:exe -out:"$tmp_exe" \
    -r:System.Runtime.Serialization.dll \
    -r:System.Xml.dll \
    -r:System.Xml.Linq.dll \
    ${annotations_ref:+"$annotations_ref"} \
    -r:"$json_dll" \
    "$here/Harness.cs" ${annotations_src:+"$annotations_src"} "$contracts"

# Beside the exe, so mono finds it even when it is not in the GAC.
cp -f "$json_dll" "$out_dir/Newtonsoft.Json.dll"
mv -f "$tmp_exe" "$out_dir/harness.exe"
trap - EXIT
