# The two commands: `make run` starts the whole platform, `make test` runs the whole suite.
PORT ?= 8000
UV := $(shell sh scripts/ensure-uv.sh)
export ONEWINDOW_DATABASE_URL ?= sqlite:///var

.PHONY: run test install migrate demo lint bench distributed-test

install:
	$(UV) sync --frozen

migrate: install
	$(UV) run python -m gateway migrate

demo: migrate
	$(UV) run python -m gateway demo

run: demo
	$(UV) run python -m gateway serve --port $(PORT)

lint: install
	$(UV) run ruff check .
	$(UV) run lint-imports

test: lint
	sh scripts/ensure-browser.sh
	$(UV) run pytest

bench: install
	$(UV) run python benchmarks/gateway_hop.py
