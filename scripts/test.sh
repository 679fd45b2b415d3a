#!/usr/bin/env bash
# Set up a virtualenv with the test extras and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[test,lint]"
.venv/bin/python -m pytest "$@"
