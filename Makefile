# The newcomer's menu. `make run` and `make test` set up .venv themselves on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SAMPLE ?= onze laptops en servers krijgen updates pas weken te laat, hoe richten we dat beter in

.PHONY: install run chat sample test test-fast lint bench bench-drafts bench-start clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@# Frog (Dutch language analysis) comes from Debian: installed here when we are root.
	@command -v frog >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq frog frogdata; else echo "Frog ontbreekt: installeer het met 'sudo apt-get install frog frogdata' en start opnieuw."; exit 1; fi; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first and pinned: the CPU wheel lies on disk; unpinned it pulls CUDA wheels.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The service: dashboard and web chat on http://127.0.0.1:8000, Telegram too when TELEGRAM_BOT_TOKEN is set.
run: $(STAMP)
	$(BIN)/vraagwijzer index
	@echo "Inloggen als voorbeeldmakelaar: open de link van"
	@echo "  $(BIN)/vraagwijzer brokers login-link rijk.oost@vraagwijzer.example"
	$(BIN)/vraagwijzer run

chat: $(STAMP)
	$(BIN)/vraagwijzer chat

sample: $(STAMP)
	$(BIN)/vraagwijzer match "$(SAMPLE)" --region midden

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check bot knowledge embeddings web tests bench
	$(BIN)/mypy bot knowledge embeddings web

bench: $(STAMP)
	$(BIN)/python -m bench.match_quality
	$(BIN)/python -m bench.match_latency
	$(BIN)/python -m bench.bot_turns --users 50 --think 3

# The drafter on 54 intakes, side by side with the first release's drafter (from git history).
bench-drafts: $(STAMP)
	$(BIN)/python -m bench.drafts

# Start of `vraagwijzer run` until it answers, against the first release (from git history).
bench-start: $(STAMP)
	$(BIN)/python -m bench.service_start

# Encoder and matching speed against the sentence-transformers path (from git history): query
# encoding, cold `vraagwijzer match`, first chat answer, quality, warm match at 100k. 1M too:
# `make bench-speed SPEED_ARGS="--sizes 100000,1000000"` (about 30 minutes).
.PHONY: bench-speed
bench-speed: $(STAMP)
	$(BIN)/python -m bench.encoder_speed $(SPEED_ARGS)

# Load held for 10 minutes (not part of `make test` or `make bench`): 200 Telegram users, 50 web-chat
# users, 6 brokers; e.g. `make bench-load LOAD_ARGS="--minutes 1 --telegram-users 40"`.
.PHONY: bench-load
bench-load: $(STAMP)
	$(BIN)/python -m bench.load $(LOAD_ARGS)

# Known vulnerabilities in the installed packages (needs pypi.org's JSON API or OSV; the build
# machines of this project reach only the package mirrors, see README "Reliability and security").
.PHONY: audit
audit: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-audit
	$(BIN)/pip-audit --progress-spinner off --skip-editable

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
