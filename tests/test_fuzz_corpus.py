"""The fuzzer's corpus (fuzz/corpus/): every input it saved is read, or refused with a clean ReadError.

Each saved input once made the library fail (an exception escaping the API, a report lost to an
internal error, a crashed rule, a stray warning, or running past its time or memory limit). Here
each runs again in a worker process under the fuzzer's limits (fuzz.runner.Limits), through
``extract`` and ``check`` on its path, and must now come out ``ok`` or ``read_error``. An entry that
fails names the defect it still exposes (its sidecar says how it was found).

The harness itself is tested too: each failure kind is told apart from a clean read error.
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fuzz import corpus, runner  # noqa: E402

ENTRIES = corpus.entries()
LIMITS = runner.Limits()


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Import and exercise every reader first (no input pays for a cold start; workers fork warm)."""
    runner.warm_up()


@pytest.fixture(scope="module")
def pool(warm):
    pool = runner.make_pool(1, LIMITS)
    yield pool
    pool.stop()
    pool.join()


@pytest.fixture(scope="module")
def replayed(warm) -> dict[str, runner.Outcome]:
    """Every corpus entry run once, two at a time (a hung entry costs its full limit)."""
    outcomes: dict[int, runner.Outcome] = {}
    items = [[(i, e.meta["format"], e.meta.get("ext", ""), e.data())] for i, e in enumerate(ENTRIES)]
    if items:
        pool = runner.make_pool(2, LIMITS)
        try:
            runner.run_in_pool(pool, runner.run_inputs, items, LIMITS, lambda o: outcomes.__setitem__(o.id, o),
                               check_path=True)
        finally:
            pool.stop()
            pool.join()
    return {e.name: outcomes[i] for i, e in enumerate(ENTRIES)}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_saved_input_is_read_or_refused_cleanly(replayed, entry):
    outcome = replayed[entry.name]
    assert outcome.status in (runner.OK, runner.READ_ERROR), (
        f"{outcome.kind}: {outcome.message}\n  " + "\n  ".join(outcome.trace)
        + f"\n(first found: {entry.meta.get('message', '')})")


def test_corpus_entries_are_complete_and_small():
    for entry in ENTRIES:
        meta = entry.meta
        assert meta["signature"] == entry.name
        assert meta["format"] in ("json", "txt", "html", "docx", "pdf")
        stored = meta.get("file")
        if stored:
            path = entry.sidecar.parent / stored
            assert path.stat().st_size <= corpus.GZ_LIMIT, stored
            raw = path.read_bytes()
            assert len(gzip.decompress(raw) if stored.endswith(".gz") else raw) == meta["size"], stored
        else:
            assert "seed" in meta["found"], entry.name


# --------------------------------------------------------------------------- the harness's own judgement

def _exploding(*args, **kwargs):
    raise ZeroDivisionError("a reader's bug")


def _spinning(*args, **kwargs):
    while True:  # the limit is on CPU time
        pass


def _dying(batch, limits, **kwargs):
    os._exit(3)


def test_outcomes_are_told_apart(monkeypatch, tmp_path):
    """In this process (no pool): ok, a clean read error, an escaping exception and a timeout."""
    import gklint

    sample = (ROOT / "samples" / "huangyuan-2021.txt").read_bytes()
    ok, refused = runner.run_inputs([(1, "txt", ".txt", sample), (2, "pdf", ".pdf", b"%PDF-1.4 damaged")], LIMITS,
                                    check_path=True)
    assert (ok.status, refused.status) == (runner.OK, runner.READ_ERROR)
    assert refused.data is None and refused.message

    monkeypatch.setattr(gklint, "extract", _exploding)
    failed, = runner.run_inputs([(3, "txt", ".txt", sample)], LIMITS)
    assert (failed.status, failed.kind) == (runner.FAILURE, "exception")
    assert failed.signature.startswith("exception-ZeroDivisionError") and failed.data == sample

    monkeypatch.setattr(gklint, "extract", _spinning)
    slow, = runner.run_inputs([(4, "txt", ".txt", sample)], runner.Limits(seconds=0.2))
    assert (slow.status, slow.kind) == (runner.FAILURE, "timeout")


def test_a_report_lost_to_the_catch_all_is_a_failure(monkeypatch):
    """check(path) turns a reader's internal error into "无法读取（XxxError…）": the fuzzer counts it.

    The reading path (``check`` -> ``check_many`` -> ``gklint.batch.read_one``) calls
    ``gklint.ingest.read_reports``; batch.read_one's catch-all writes the message the fuzzer matches.
    """
    import gklint.ingest

    monkeypatch.setattr(gklint.ingest, "read_reports", _exploding)
    outcome = runner.Outcome(5, "txt", ".txt", 1, runner.OK)
    runner._check_path(outcome, str(ROOT / "samples" / "huangyuan-2021.txt"), LIMITS)
    assert (outcome.status, outcome.kind) == (runner.FAILURE, "lost")
    assert outcome.signature == "lost-ZeroDivisionError-txt"


def test_a_worker_that_dies_costs_one_outcome_per_input(pool):
    """A batch whose worker dies is rerun one input per task; each input is then reported as a crash."""
    outcomes: list[runner.Outcome] = []
    items = [(i, "txt", ".txt", b"x") for i in range(3)]
    runner.run_in_pool(pool, _dying, [items], LIMITS, outcomes.append)
    assert sorted(o.id for o in outcomes) == [0, 1, 2]
    assert {(o.status, o.kind) for o in outcomes} == {(runner.FAILURE, "crash")}
