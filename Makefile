# The newcomer's menu. `make run` and `make test` set up .venv themselves on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SAMPLE ?= onze laptops en servers krijgen updates pas weken te laat, hoe richten we dat beter in

.PHONY: install run sample test test-fast lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first and pinned: the CPU wheel lies on disk; unpinned it pulls CUDA wheels.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# With TELEGRAM_BOT_TOKEN set: the Telegram bot. Without: the same intake in this terminal.
run: $(STAMP)
	$(BIN)/vraagwijzer index
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(BIN)/vraagwijzer run; else $(BIN)/vraagwijzer chat; fi

sample: $(STAMP)
	$(BIN)/vraagwijzer match "$(SAMPLE)" --region midden

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check bot knowledge embeddings tests bench
	$(BIN)/mypy bot knowledge embeddings

bench: $(STAMP)
	$(BIN)/python -m bench.match_quality
	$(BIN)/python -m bench.match_latency
	$(BIN)/python -m bench.bot_turns --users 50 --think 3

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
