#!/usr/bin/env bash
# Set up kientruc on a fresh Debian machine: system packages, then a virtual
# environment in .venv with kientruc installed in it.
#   scripts/setup.sh          runtime: Graphviz, fonts with Vietnamese glyphs, kientruc
#   scripts/setup.sh --test   also the test tools (pytest, jsonschema, hypothesis, …)
set -euo pipefail
cd "$(dirname "$0")/.."

extra=""
[ "${1:-}" = "--test" ] && extra="[test]"

# Debian packages: dot for diagrams, and fonts that cover Vietnamese (DejaVu, Noto; Liberation Serif
# stands in for Times New Roman, the font of the architecture document, when it is converted here).
packages="graphviz fonts-dejavu-core fonts-noto-core fonts-liberation2"
# The tests look the fonts up with fc-list, and read the fonts and the text of rendered PDFs with
# pdffonts and pdftotext.
[ "${1:-}" = "--test" ] && packages="$packages fontconfig poppler-utils"
# The browser tests of the site drive Debian's chromium with Playwright (never a downloaded browser).
[ "${1:-}" = "--test" ] && packages="$packages chromium"
# `kientruc build` writes the architecture document as PDF with LibreOffice where it is installed (the
# tests check that PDF: fonts embedded, table of contents with its pages). About 260 MB; ~30 s to install.
[ "${1:-}" = "--test" ] && packages="$packages libreoffice-writer-nogui"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: please install these Debian packages first:$missing" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".${extra}"
echo "setup: kientruc $(.venv/bin/kientruc --version | awk '{print $NF}') is ready in .venv"
