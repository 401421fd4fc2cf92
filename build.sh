#!/usr/bin/env bash
# Ocean's build bootstrapper. Installs the Debian packages the build needs (when run as root; it says
# what it installs), restores the .NET local tools (Cake), builds the image-composition library that
# build.cake loads, then runs Cake with the given arguments: ./build.sh [--target=Run|Test|...].
set -euo pipefail
cd "$(dirname "$0")"

# nasm/binutils build the images; qemu boots them; xorriso, mtools and grub make the ISO; ovmf is UEFI;
# e2fsprogs (mke2fs, e2fsck, debugfs) makes and judges the ext2 images of the unit tests.
required=(nasm binutils qemu-system-x86 xorriso mtools grub-common grub-pc-bin grub-efi-amd64-bin ovmf e2fsprogs gdb)
missing=()
for package in "${required[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "build.sh: these Debian packages are missing: ${missing[*]}" >&2
        echo "build.sh: run as root, or install them: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "build.sh: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build packaging/Ocean.Packaging/Ocean.Packaging.csproj -c Release -o artifacts/tools/packaging --nologo -v q -clp:ErrorsOnly

# Cake compiles build.cake once and reuses the result until the script changes (2-3 s a run saved).
# The compiled script is bound to the composition library it loads: a rebuilt library drops it.
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true CAKE_PATHS_CACHE="$PWD/artifacts/cake-cache"
if [[ -d $CAKE_PATHS_CACHE && artifacts/tools/packaging/Ocean.Packaging.dll -nt $CAKE_PATHS_CACHE ]]; then
    rm -rf "$CAKE_PATHS_CACHE"
fi
exec dotnet cake build.cake "$@"
