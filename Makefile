# nianbao — see README.md. `make test` and `make demo` work on a fresh clone with only python3.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA ?= data

.PHONY: help test demo crawl bench lint golden site clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t12

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

test: $(STAMP)  ## run the whole test suite (unit, property, corpus, hostile servers, end to end)
	$(BIN)/python -m pytest

demo: $(STAMP)  ## crawl the bundled mirror site on 127.0.0.1 and write data/demo/tables
	$(BIN)/nianbao demo --data $(DATA)/demo

crawl: $(STAMP)  ## crawl the real sites of scraper/registry.toml into data/
	$(BIN)/nianbao crawl --registry scraper/registry.toml --data $(DATA)

bench: $(STAMP)  ## parse, crawl and write throughput figures
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/crawl_bench.py
	$(BIN)/python bench/write_bench.py

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check .

golden: $(STAMP)  ## regenerate the golden parses in tests/golden/ (review the diff!)
	$(BIN)/python tests/make_golden.py

site: $(STAMP)  ## regenerate the bundled mirror site from tests/fixtures/make_site.py
	$(BIN)/python tests/fixtures/make_site.py

clean:  ## remove the venv and generated data
	rm -rf $(VENV) $(DATA) .pytest_cache .ruff_cache
