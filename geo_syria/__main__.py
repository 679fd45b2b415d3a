"""Run the command line as ``python -m geo_syria``."""

from geo_syria.cli import main

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
