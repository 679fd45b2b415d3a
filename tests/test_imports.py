import subprocess
import sys


def test_import_is_light():
    code = (
        "import sys, geo_syria; "
        "heavy = [m for m in ('folium', 'geopandas', 'playwright', 'dask', 'branca') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "geo_syria", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "geo-syria" in out.stdout
