#!/usr/bin/env bash
# vendor.sh - re-vendor the browser libraries the UI uses.
#
# Takes pinned packages from the npm registry with `npm pack`, checks each
# tarball against the integrity hash pinned below, and copies only the files
# the browser loads (plus each package's LICENSE) into this folder. Writes
# VERSIONS.txt with the name, version and sha256 of every copied file.
#
# Only people updating a library run this (it needs npm). `go build` never
# does: the copied files are committed and embedded as they are.
#
# To update a library: change its version and integrity below (the integrity
# is printed by `npm pack NAME@VERSION --json`), run this script, load the UI
# and check the browser console, then commit the script and the files together.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# name  version  integrity (sha512 of the tarball, as the registry publishes it)
#
# htm's preact/standalone.module.js is one ES module holding preact, preact's
# hooks and htm, with no bare imports, so the browser needs no import map.
HTM_VERSION=3.1.1
HTM_INTEGRITY='sha512-983Vyg8NwUE7JkZ6NmOqpCZ+sh1bKv2iYTlUkzlWmA5JD2acKoxd4KVxbMmxX/85mtfdnDmTFoNKcg5DGAvxNQ=='
# preact itself is not copied: its code is already inside the htm bundle. We
# fetch it only to ship its MIT licence beside that code. (The licence text is
# the same across preact 10.x; 10.7.1 is the release current when htm 3.1.1
# was built.)
PREACT_VERSION=10.7.1
PREACT_INTEGRITY='sha512-MufnRFz39aIhs9AMFisonjzTud1PK1bY+jcJLo6m2T9Uh8AqjD77w11eAAawmjUogoGOnipECq7e/1RClIKsxg=='
# axe-core is for the browser tests only: it goes to app/apptest/axe (the
# test app embeds it and runs it on every page a browser test visits), never
# into embed/, so the product does not ship it.
AXE_VERSION=4.14.1
AXE_INTEGRITY='sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=='
tests="$here/../../app/apptest/axe"

# fetch NAME VERSION INTEGRITY: npm pack into $work/NAME and extract it.
fetch() {
	local name="$1" version="$2" integrity="$3" dir="$work/$1" got
	mkdir -p "$dir"
	got="$(cd "$dir" && npm pack "$name@$version" --json --silent |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s)[0];console.log(j.integrity+" "+j.filename)})')"
	if [[ "${got%% *}" != "$integrity" ]]; then
		echo "vendor.sh: $name@$version integrity mismatch" >&2
		echo "  want $integrity" >&2
		echo "  got  ${got%% *}" >&2
		exit 1
	fi
	tar -xzf "$dir/${got#* }" -C "$dir"
	versions[$name]="$version"
}

# copy NAME SRC DEST: copy package file SRC to DEST (relative to this folder).
copy() {
	local name="$1" src="$2" dest="$3"
	mkdir -p "$here/$(dirname "$dest")"
	cp "$work/$name/package/$src" "$here/$dest"
	copied+=("$name ${versions[$name]} $dest")
}

declare -A versions
copied=()
fetch htm "$HTM_VERSION" "$HTM_INTEGRITY"
fetch preact "$PREACT_VERSION" "$PREACT_INTEGRITY"
fetch axe-core "$AXE_VERSION" "$AXE_INTEGRITY"

# Start clean so a file dropped from the list does not linger.
rm -rf "$here/htm" "$here/preact"

copy htm preact/standalone.module.js htm/standalone.module.js
copy htm LICENSE htm/LICENSE
copy preact LICENSE preact/LICENSE
rm -rf "$tests"
mkdir -p "$tests"
cp "$work/axe-core/package/axe.min.js" "$work/axe-core/package/LICENSE" "$tests/"
copied+=("axe-core $AXE_VERSION ../../app/apptest/axe/axe.min.js" "axe-core $AXE_VERSION ../../app/apptest/axe/LICENSE")

{
	echo "# Vendored browser libraries. Written by vendor.sh; do not edit by hand."
	echo "# package  version  file  sha256"
	for entry in "${copied[@]}"; do
		dest="${entry##* }"
		echo "$entry $(sha256sum "$here/$dest" | cut -d' ' -f1)"
	done
} >"$here/VERSIONS.txt"

echo "vendor.sh: wrote ${#copied[@]} files; see $here/VERSIONS.txt"
