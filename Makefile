# The two commands: `make run` starts the whole platform, `make test` runs the whole suite.
PORT ?= 8000
UV := $(shell sh scripts/ensure-uv.sh)
export ONEWINDOW_DATABASE_URL ?= sqlite:///var

.PHONY: run test install migrate demo lint bench distributed-test messages

install:
	sh scripts/ensure-documents.sh
	$(UV) sync --frozen --compile-bytecode
	$(UV) run pybabel -q compile -d gateway/src/gateway/locale -D messages

migrate: install
	$(UV) run python -m gateway migrate

demo: migrate
	$(UV) run python -m gateway demo

run: demo
	$(UV) run python -m gateway serve --port $(PORT)

lint: install
	$(UV) run ruff check .
	$(UV) run lint-imports
	$(UV) run mypy

test: lint
	sh scripts/ensure-browser.sh
	$(UV) run pytest

# Every figure of the province-scale table side by side (README "Performance"); installs wrk
# when missing. `make bench BENCH_ARGS=--quick` (or ONEWINDOW_BENCH_QUICK=1) is the small scale.
bench: install
	sh scripts/ensure-wrk.sh
	$(UV) run python -m benchmarks.run $(BENCH_ARGS)

# After adding or changing a text: extract the texts of code and templates into the English
# catalog (new ones come empty: translate them), then `make install` compiles it.
messages: install
	mkdir -p var
	$(UV) run pybabel extract -F gateway/babel.cfg -k NP_:1c,2 --add-location=file --sort-by-file -o var/messages.pot gateway/src/gateway
	$(UV) run pybabel update -i var/messages.pot -d gateway/src/gateway/locale -D messages --ignore-obsolete --ignore-pot-creation-date --no-fuzzy-matching
