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


def test_import_leaves_numeric_and_network_libraries_for_later():
    code = (
        "import sys, geo_syria; "
        "heavy = [m for m in ('numpy', 'shapely', 'pyproj', 'geopy', 'requests', "
        "'importlib.metadata', 'geo_syria.export', 'geo_syria.pipeline') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_one_sentence_run_does_not_import_geopy_or_requests():
    code = (
        "import sys, geo_syria; "
        "geo_syria.analyze('Rebels took Soran, 20 km north of Hama.'); "
        "print(','.join(m for m in ('geopy', 'requests', 'geo_syria.export') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
