"""`nianbao demo`: the whole pipeline against the bundled mirror site, over real HTTP on loopback.

Serves `tests/fixtures/site/` on 127.0.0.1 (a free port), writes a one-entry registry pointing at
it (loopback explicitly allowed, politeness relaxed for a local server), then runs the same crawl
and extract as `nianbao crawl`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DEMO_PORT = 18731
MIRROR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "site"

REGISTRY_TEMPLATE = """\
# written by `nianbao demo`: the bundled mirror site served on loopback
[[site]]
id = "demo"
name = "天津市静海区人民政府（演示镜像）"
region = "天津市静海区"
admin_code = "120118"
entry_urls = ["{base}/"]
allowed_hosts = ["{host}"]
allow_private = true

[site.overrides]
min_interval = {interval}
jitter = 0.0
retries = 1
backoff_base = 0.1
"""


def write_demo_registry(path: Path, base_url: str, *, interval: float = 0.02) -> Path:
    host = base_url.split("//", 1)[1].rstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(REGISTRY_TEMPLATE.format(base=base_url.rstrip("/"), host=host, interval=interval),
                    encoding="utf-8")
    return path


def _stored_port(registry: Path) -> int | None:
    """The port of the demo registry an earlier run left in the data directory, if any."""
    try:
        m = re.search(r'entry_urls = \["http://127\.0\.0\.1:(\d+)/"\]', registry.read_text(encoding="utf-8"))
    except OSError:
        return None
    return int(m[1]) if m else None


def run_demo(data_dir: Path, *, mirror: Path = MIRROR) -> int:
    from scraper.lock import DataDirBusy, hold_data_dir
    from scraper.store import check_data_dir

    if not mirror.is_dir():
        print(f"error: mirror site not found at {mirror}", file=sys.stderr)
        return 2
    try:
        check_data_dir(data_dir)  # a data directory that cannot be opened: one line, like `crawl`
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        with hold_data_dir(data_dir):  # before the port: a second demo on this directory is refused here
            return _run_held(data_dir, mirror)
    except DataDirBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run_held(data_dir: Path, mirror: Path) -> int:
    from scraper.registry import load_registry

    from .cli import crawl_and_extract_held
    from .mirror import serve_directory

    # The port is part of every report URL, so of report_id and the raw store's keys: a data
    # directory keeps the port of its first demo run (DEMO_PORT, or any free one when that was
    # taken). Serving on another port later would store every report a second time under new URLs.
    registry = data_dir / "demo-registry.toml"
    port = _stored_port(registry)
    try:
        served = serve_directory(mirror, port=port or DEMO_PORT)
    except OSError as exc:
        if port is not None:
            print(f"error: cannot serve the mirror on 127.0.0.1:{port}, the port of the demo reports in "
                  f"{data_dir} ({exc.strerror or exc}); free the port and run again, or use another --data",
                  file=sys.stderr)
            return 2
        served = serve_directory(mirror, port=0)
    with served as (_server, base_url):
        print(f"serving the mirror site {mirror} at {base_url}", file=sys.stderr)
        write_demo_registry(registry, base_url)
        sites = load_registry(registry)
        return crawl_and_extract_held(sites, data_dir)
