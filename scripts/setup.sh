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

# The tests also run archi-cli 0.4.0 on the ArchiMate files benchmarks/archi.py writes (the benchmark that
# compares kientruc with it). archi-cli needs Python >= 3.12: the first found on the PATH or under pyenv
# gets its own environment in .venv-archi (the tests find it there).
if [ "${1:-}" = "--test" ] && [ ! -x .venv-archi/bin/archi ]; then
  py=""
  for cand in python3.14 python3.13 python3.12 $(ls -d "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/3.1[2-9]*/bin/python3 2>/dev/null); do
    if "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then py="$cand"; break; fi
  done
  if [ -n "$py" ]; then
    "$py" -m venv .venv-archi && .venv-archi/bin/python -m pip install -q archi-cli==0.4.0 \
      && echo "setup: archi-cli 0.4.0 is ready in .venv-archi ($("$py" --version))"
  else
    echo "setup: no Python >= 3.12 here: the archi-cli tests cannot run (install python3.12 or later)" >&2
  fi
fi
echo "setup: kientruc $(.venv/bin/kientruc --version | awk '{print $NF}') is ready in .venv"
