"""Running the map of a run on a Dask distributed cluster (``gklint check --dask-scheduler ADDRESS``).

The map (read each file, run the per-report and table rules) goes to the cluster's workers through
``distributed.Client(address).get_executor()``, a ``concurrent.futures``-style executor that
``gklint.api.Run`` / ``check_many(..., executor=)`` accept; the reduce (the series rules over the whole
run, and the output) is done in the calling process, but for ``-f json`` on a large batch, whose series
rules and entries of the files they give findings run on the cluster too (``api.Run.render_series``).
Every worker needs gklint installed (the same
version) and the files at the same paths (a shared file system). Dask is the optional extra
``gklint[dask]``. See docs/scaling.md.
"""

from __future__ import annotations

CONNECT_SECONDS = 10


class ClusterError(Exception):
    """The cluster cannot be used: the extra is missing or the scheduler cannot be reached (a Chinese message)."""


def dask_executor(address: str, timeout: float | None = None):
    """(executor, client) for the Dask scheduler at ``address``; ClusterError when it cannot be used.
    Close the client when the run is done."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError("使用 --dask-scheduler 需要安装 Dask 扩展：pip install 'gklint[dask]'"
                           f"（{type(exc).__name__}: {exc}）") from None
    try:
        client = Client(address, timeout=timeout or CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ClusterError(f"无法连接 Dask 调度器 {address}（{type(exc).__name__}: {str(exc)[:200]}）") from None
    return client.get_executor(), client
