#!/bin/sh
# Build the h2h XSD oracle: Export.cs + a contracts file -> <out-dir>/export.exe
#
#   conformance/xsd/build.sh <contracts.cs> <out-dir>
#   mono <out-dir>/export.exe <schemas-dir>
#
# Needs Mono's C# compiler (mcs) and System.Runtime.Serialization
# (Debian/Ubuntu: apt-get install mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil).
set -eu

if [ "$#" -ne 2 ]; then
    echo "usage: $0 <contracts.cs> <out-dir>" >&2
    exit 2
fi
contracts=$1
out_dir=$2

if ! command -v mcs >/dev/null 2>&1; then
    echo "error: mcs (Mono C# compiler) not found on PATH; install it with: apt-get install mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil" >&2
    exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$contracts" ]; then
    echo "error: contracts file '$contracts' not found" >&2
    exit 1
fi

mkdir -p "$out_dir"
tmp_exe="$out_dir/export.exe.tmp.$$"
trap 'rm -f "$tmp_exe"' EXIT
mcs -nologo -warn:0 -optimize+ -target:exe -out:"$tmp_exe" \
    -r:System.Runtime.Serialization.dll \
    -r:System.Xml.dll \
    "$here/Export.cs" "$contracts"
mv -f "$tmp_exe" "$out_dir/export.exe"
trap - EXIT
