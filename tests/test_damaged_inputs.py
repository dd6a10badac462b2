"""Damaged copies of every real fixture: each is reported or checked, never a crash."""

import random

import pytest

import gklint

from conftest import FIXTURES

FILES = ["huangyuan-2021.txt", "pingtan-2021.html", "template-2021.docx", "huaian-2024.pdf"]


def _damaged(data: bytes, rng: random.Random) -> list[bytes]:
    out = [data[: len(data) * k // 5] for k in range(1, 5)]  # truncated at 20 %, 40 %, 60 %, 80 %
    for _ in range(3):  # a few bytes overwritten at random places
        b = bytearray(data)
        for _ in range(8):
            b[rng.randrange(len(b))] = rng.randrange(256)
        out.append(bytes(b))
    return out


@pytest.mark.parametrize("name", FILES)
def test_damaged_copies_never_crash(tmp_path, name):
    rng = random.Random(name)
    original = (FIXTURES / name).read_bytes()
    paths = []
    for k, data in enumerate(_damaged(original, rng)):
        path = tmp_path / f"{k}-{name}"
        path.write_bytes(data)
        paths.append(path)
    result = gklint.check_many(paths)  # a hang would be a file past its deadline: a read error naming it
    assert len(result.files) == len(paths)
    if name.endswith((".txt", ".html")):  # text: a few damaged bytes never make it unreadable
        assert all(f.error is None for f in result.files[4:]), [f.error for f in result.files]
    for f in result.files:
        if f.error is None:  # a layout is named only when tables were found (R103 otherwise)
            assert f.layout in ("2019", "2021") or any(d.rule == "R103" for d in f.diagnostics)
        else:
            assert f.diagnostics == [] and str(f.path) in f.error
            assert "无法读取（" not in f.error or "Error:" not in f.error, f"a reader crashed: {f.error}"
