import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_setup_cfg():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    listed = {p.strip() for p in cfg["options"]["packages"].split() if p.strip()}
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "geo_syria").rglob("__init__.py")
    }
    assert on_disk <= listed, f"add to setup.cfg [options] packages: {sorted(on_disk - listed)}"
    assert "geo_syria._data" in listed


def test_curated_gazetteer_is_package_data():
    from importlib import resources

    text = resources.files("geo_syria._data").joinpath("curated.csv").read_text("utf-8")
    assert text.startswith("id,name,lat,lon")
