import subprocess
import sys

import pytest


def _imported(code: str, modules: tuple[str, ...]) -> list[str]:
    """Run ``code`` in a fresh interpreter; return which of ``modules`` it imported."""
    probe = f"{code}; import sys; print(','.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


@pytest.mark.parametrize(
    ("code", "modules"),
    [
        ("import geo_syria", ("folium", "geopandas", "playwright", "dask", "branca")),
        # numeric and network libraries wait for the code that needs them
        (
            "import geo_syria",
            (
                "numpy",
                "shapely",
                "pyproj",
                "geopy",
                "requests",
                "importlib.metadata",
                "importlib.resources",
            ),
        ),
        ("import geo_syria", ("geo_syria.export", "geo_syria.pipeline")),
        # distances are geographiclib's, without geopy's geocoders and requests
        (
            "from geo_syria.geo import geodesic_inverse; geodesic_inverse(35.1, 36.7, 35.2, 36.7)",
            ("geopy", "requests"),
        ),
        (
            "import geo_syria; geo_syria.analyze('Rebels took Soran, 20 km north of Hama.')",
            ("geopy", "requests", "geo_syria.export", "pyproj"),
        ),
    ],
)
def test_import_is_light(code, modules):
    assert _imported(code, modules) == []


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "geo_syria", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "geo-syria" in out.stdout
