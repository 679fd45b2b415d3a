#!/usr/bin/env bash
# Set up a virtualenv and render the example map from the embedded default gazetteer.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
mkdir -p out
.venv/bin/geo-syria map examples/example_article.txt -o out/example_map.html
echo "Map written to out/example_map.html (works offline; --cdn for Leaflet from CDNs and tiles)"
