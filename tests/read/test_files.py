import json
from datetime import date

import pytest

from kg.errors import InputError
from kg.read import collect_paths, read_document


def test_sidecar_metadata_and_offsets(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title line\nPARIS (AFP) – Text of the body.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2020-01-02", "source": "Agence France-Presse (AFP)"}))
    d = read_document(p)
    assert d.published == date(2020, 1, 2)
    assert (d.source, d.source_abbrev, d.place) == ("Agence France-Presse", "AFP", "Paris")
    for span in (d.headline, d.dateline, d.body):
        assert d.text[span.start:span.end] == span.text


def test_published_option_overrides_sidecar(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Body only.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2020-01-02"}))
    assert read_document(p, date(2021, 5, 6)).published == date(2021, 5, 6)


def test_bom_is_dropped(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffHello world.".encode("utf-8"))
    assert read_document(p).text == "Hello world."


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n ", "is empty"),
    (b"\x00\x01\x02PDF", "binary"),
])
def test_bad_files_are_refused_with_their_name(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_document(p)
    assert message in str(e.value) and "bad.txt" in str(e.value)


def test_windows_1252_is_decoded(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Caf\u00e9 owners said \u201cno\u201d.".encode("cp1252"))
    assert read_document(p).text == "Caf\u00e9 owners said \u201cno\u201d."


def test_bad_sidecar_date(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Body.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "11/08/2021"}))
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_document(p)


def test_collect_paths_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        collect_paths([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no articles kg reads"):
        collect_paths([tmp_path / "empty"])


def test_collect_paths_sorted_and_deduplicated(tmp_path):
    for n in ("b", "a"):
        (tmp_path / f"{n}.txt").write_text("x", encoding="utf-8")
    paths = collect_paths([tmp_path, tmp_path / "a.txt"])
    assert [p.name for p in paths] == ["a.txt", "b.txt"]
