#!/bin/sh
# Build the h2h test server: Host.cs + a schema's contracts and controllers -> <out-dir>/host.exe
#
#   conformance/webapi/build.sh <contracts.cs> <controllers.cs> <out-dir>
#
# e.g. conformance/webapi/build.sh conformance/dotnet/generated/api.cs \
#        conformance/dotnet/generated/api.controllers.cs target/tmp/webapi
#
# Needs Mono's C# compiler and ASP.NET Web API self-host (Debian/Ubuntu: apt-get install
# mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil
# libmono-system-web-http4.0-cil libmono-system-web-http-selfhost4.0-cil
# libmono-system-net-http4.0-cil libmono-system-net-http-formatting4.0-cil).
# No Newtonsoft.Json.dll: Mono's System.Net.Http.Formatting carries its own Json.NET, which
# the JSON formatter and the host use (see Host.cs).
set -eu

packages="mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil libmono-system-web-http4.0-cil libmono-system-web-http-selfhost4.0-cil libmono-system-net-http4.0-cil libmono-system-net-http-formatting4.0-cil"

if [ "$#" -ne 3 ]; then
    echo "usage: $0 <contracts.cs> <controllers.cs> <out-dir>" >&2
    exit 2
fi
contracts=$1
controllers=$2
out_dir=$3

if ! command -v mcs >/dev/null 2>&1; then
    echo "error: mcs (Mono C# compiler) not found on PATH; install it with: apt-get install $packages" >&2
    exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)

for file in "$contracts" "$controllers"; do
    if [ ! -f "$file" ]; then
        echo "error: '$file' not found (run cargo xtask regenerate)" >&2
        exit 1
    fi
done

# The Web API assemblies, in the 4.5 profile of the Mono that mcs belongs to
# (<prefix>/bin/mcs -> <prefix>/lib/mono/4.5).
mcs_path=$(command -v mcs)
if command -v readlink >/dev/null 2>&1; then
    mcs_path=$(readlink -f "$mcs_path")
fi
profile=$(dirname "$(dirname "$mcs_path")")/lib/mono/4.5
for dll in System.Web.Http System.Web.Http.SelfHost System.Net.Http System.Net.Http.Formatting; do
    if [ ! -f "$profile/$dll.dll" ]; then
        echo "error: $dll.dll not found in $profile; install it with: apt-get install $packages" >&2
        exit 1
    fi
done

# Contracts may use DataAnnotations ([Required], ...): reference the real assembly when this
# Mono has it, else compile the differential harness's stand-in attributes.
annotations_ref=
annotations_src="$here/../dotnet/DataAnnotationsShim.cs"
if [ -f "$profile/System.ComponentModel.DataAnnotations.dll" ]; then
    annotations_ref=-r:System.ComponentModel.DataAnnotations.dll
    annotations_src=
fi

mkdir -p "$out_dir"
tmp_exe="$out_dir/host.exe.tmp.$$"
trap 'rm -f "$tmp_exe"' EXIT

mcs -nologo -warn:0 -optimize+ -target:exe -out:"$tmp_exe" \
    -r:System.dll \
    -r:System.Core.dll \
    -r:System.Runtime.Serialization.dll \
    -r:System.ServiceModel.dll \
    -r:System.Xml.dll \
    -r:System.Net.Http.dll \
    -r:System.Net.Http.Formatting.dll \
    -r:System.Web.Http.dll \
    -r:System.Web.Http.SelfHost.dll \
    ${annotations_ref:+"$annotations_ref"} \
    "$here/Host.cs" ${annotations_src:+"$annotations_src"} "$contracts" "$controllers"

mv -f "$tmp_exe" "$out_dir/host.exe"
trap - EXIT
