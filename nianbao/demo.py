"""`nianbao demo`: the whole pipeline against the bundled mirror site, over real HTTP on loopback.

Serves `tests/fixtures/site/` on 127.0.0.1 (a free port), writes a one-entry registry pointing at
it (loopback explicitly allowed, politeness relaxed for a local server), then runs the same crawl
and extract as `nianbao crawl`.
"""

from __future__ import annotations

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


def run_demo(data_dir: Path, *, mirror: Path = MIRROR) -> int:
    from scraper.registry import load_registry

    from .cli import crawl_and_extract
    from .mirror import serve_directory

    if not mirror.is_dir():
        print(f"error: mirror site not found at {mirror}", file=sys.stderr)
        return 2
    # a fixed port keeps the report URLs (and so report_id and the raw store's keys) stable from
    # one demo run to the next; any free port when it is taken
    try:
        served = serve_directory(mirror, port=DEMO_PORT)
    except OSError:
        served = serve_directory(mirror, port=0)
    with served as (_server, base_url):
        print(f"serving the mirror site {mirror} at {base_url}", file=sys.stderr)
        registry = write_demo_registry(data_dir / "demo-registry.toml", base_url)
        sites = load_registry(registry)
        return crawl_and_extract(sites, data_dir)
