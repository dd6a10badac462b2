"""The warm-up before a pool forks (``batch._preload``): the job's rules run once on generated reports so that
the workers inherit what the rules compute on first use. No finding may depend on it: a process that warmed
up first finds, on every file, what a fresh process finds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gklint import api, batch
from gklint.recognise.json_format import to_json
from gklint.testing import consistent_report

from conftest import FIXTURES, ROOT

# a fresh process checks the files in process (no pool), after the warm-up or not, and prints the findings
CHECK = """
import json, sys
from gklint import api, batch
run = api.Run(sys.argv[2:], isolate=False)
if sys.argv[1] == "warm":
    batch._warm(run.job)
result = api.check_many(sys.argv[2:], isolate=False)
print(json.dumps({f.path: [d.to_dict() for d in f.diagnostics] for f in result.files}, ensure_ascii=False,
                 sort_keys=True, default=str))
"""


def _files(tmp_path: Path) -> list[str]:
    out = [str(FIXTURES / "huangyuan-2021.txt"), str(ROOT / "samples" / "huangyuan-2021.json")]
    for seed in range(4):  # generated reports of both layouts, two of them consecutive years of one agency
        report = consistent_report(seed, "2021" if seed < 3 else "2019", year=None if seed > 1 else 2021 + seed)
        path = tmp_path / f"gen{seed}.json"
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        out.append(str(path))
    return out


def _findings(mode: str, files: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", CHECK, mode, *files], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=True)
    return json.loads(done.stdout)


def test_a_process_warmed_up_finds_what_a_fresh_one_finds(tmp_path):
    files = _files(tmp_path)
    cold = _findings("cold", files)
    assert any(cold.values())  # something to compare
    assert _findings("warm", files) == cold


def _rules() -> tuple:
    return api.Run([], isolate=False).job.rules


def test_a_job_is_warmed_once_per_process(monkeypatch):
    warmed = []
    monkeypatch.setattr(batch, "_warm", warmed.append)
    monkeypatch.setattr(batch, "_WARMED", None)
    with_rules = batch.Job(rules=_rules())
    for job, workers in ((with_rules, 2), (with_rules, 2), (batch.Job(), 2), (batch.Job(rules=_rules()), 1)):
        batch._preload(job, workers)
    # not again for the same job, never for one without rules, nor for a single worker (nothing repeated)
    assert warmed == [with_rules]


def test_a_warm_up_that_fails_does_not_stop_the_run(monkeypatch):
    def fail(job):
        raise RuntimeError("a rule's bug")

    monkeypatch.setattr(batch, "_warm", fail)
    monkeypatch.setattr(batch, "_WARMED", None)
    batch._preload(batch.Job(rules=_rules()), 2)  # the workers meet the bug, each file its own error
