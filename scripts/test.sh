#!/usr/bin/env bash
# Set up a virtualenv with the test extras and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[test,lint]"
# Leaflet and plugin files for self-contained maps come from the npm registry once, into the
# user cache; offline, the tests that need them skip with the reason.
.venv/bin/geo-syria assets fetch || echo "note: map assets not fetched (offline?); self-contained map tests will skip"
.venv/bin/python -m pytest "$@"
