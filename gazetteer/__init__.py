"""Package data of geo_syria: the hand-curated gazetteer (installed as ``geo_syria._data``)."""
