"""nianbao.scraper — network side of nianbao: crawl registered district sites and keep the raw bytes.

Modules, in the order a request flows through them:

* ``registry``   — TOML site registry (``load_registry``) and the ``Site`` record.
* ``config``     — ``CrawlConfig``: timeouts, retry/backoff budget, politeness defaults, caps.
* ``crawl``      — ``run_crawl`` orchestrator, ``CrawlResult`` / ``SiteSummary``.
* ``sitecrawl``  — one site: entry → navigation → 年报 columns → reports → attachments; resume logic.
* ``sitestate``  — a fetched page, a site's counters, which outcomes are failures.
* ``discover``   — link classification (年报 columns, report titles, attachments, navigation).
* ``paging``     — list pagination (TRS ``createPageHTML``/``countPage``, ``?page=N``, ``/N.html``, 尾页).
* ``fetch``      — one polite, guarded, retried HTTP GET (httpx, async).
* ``transport``  — httpx clients per TLS flavour, size-capped body decoder, Retry-After parsing.
* ``politeness`` — per-host concurrency + minimum interval with jitter.
* ``robots``     — robots.txt parsing and matching (RFC 9309).
* ``netguard``   — allowed-host and private-address checks, URL canonicalisation.
* ``challenge``  — anti-bot challenge detection (瑞数 412, 加速乐 521, JS cookie pages).
* ``encoding``   — charset selection (BOM → header → meta → GB18030 → detector).
* ``store``      — content-addressed raw store + SQLite fetch log (``RawStore``).
* ``progress``   — per-site progress lines and the summary table.
"""
