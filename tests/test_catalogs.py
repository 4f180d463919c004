"""The readers of bioecon/data that catalogs.py gives the rest of the package."""

from __future__ import annotations

from pathlib import Path

from bioecon.catalogs import mapping_rules, read_data_file, read_data_text, seed_texts


def test_the_seed_texts_by_name() -> None:
    texts = seed_texts()
    assert list(texts) == [
        "000_0d856e524a942849.txt",
        "001_e766b8f781ed4268.txt",
        "002_1431890bb6d75dd0.txt",
        "003_49cf48505f772831.txt",
        "004_521b00e2c204dbfd.txt",
    ]
    assert texts["000_0d856e524a942849.txt"].startswith("为贯彻落实国家《“十")


def test_files_in_folders_are_named_with_a_slash() -> None:
    assert read_data_text("classification/sei2018_bio_structure.csv").count("\n") > 10
    assert "map" in read_data_file("extract/traditional.yaml")
    assert mapping_rules().rules


def test_no_shipped_data_file_gives_a_key_twice() -> None:
    # YAML keeps the last of two equal keys without a word: two branches adding the same
    # display string (page.due_on) once made one page show the other's words. The strict
    # loader of user files (io/yaml_source.py) refuses a repeated key with its line.
    from bioecon.io.yaml_source import load_yaml

    data = Path(__file__).parents[1] / "bioecon" / "data"
    for path in sorted(data.rglob("*.yaml")):
        load_yaml(path.read_text(encoding="utf-8"), str(path))
