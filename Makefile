# The two commands of the README:  `make run`  and  `make test`.
# Both set up everything a fresh Debian/Ubuntu machine lacks.
PYTHON ?= python3
comma := ,
VENV ?= .venv
DEMO_DIR ?= demo-store
BIN := $(VENV)/bin
STAMP := $(VENV)/.qonys-installed

.PHONY: lock run test lint typecheck unit demo bench dist dist-test clean system-deps translations translations-update screenshots

system-deps:
	@./scripts/system-deps.sh

LOCK := requirements/lock-linux.txt
# The optional extras (pyproject.toml): the desk, its tests and the frozen app use them all.
EXTRAS := dev,department,department-server,camera,readers

$(STAMP): pyproject.toml $(LOCK)
	@./scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# The exact versions the frozen app ships, each checked against its recorded hash; then the
	# project itself (anything pyproject.toml names that the lock lacks would come unpinned:
	# tests/release/test_lock.py fails on that, run `make lock`).
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q -e '.[$(EXTRAS)]'
	@touch $@

## After changing dependencies in pyproject.toml: re-resolve the hash-pinned lock (Linux x86-64,
## Python 3.11). Versions already in the lock are kept unless pyproject.toml rules them out.
lock: $(STAMP)
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml $(foreach e,$(subst $(comma), ,$(EXTRAS)),--extra $(e)) --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_36 --quiet -o $(LOCK)

## Compile the interface translations (resources/translations/*.ts -> .qm, git-ignored).
TS := $(wildcard resources/translations/qonys_*.ts)
QM := $(TS:.ts=.qm)
translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

## After changing interface texts: collect new strings into the .ts files for translators.
translations-update: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none $$(find desktop/ui -name '*.py' | sort) $(foreach t,$(filter-out %_en.ts,$(TS)),-ts $(t))
	$(BIN)/pyside6-lupdate -locations none -pluralonly $$(find desktop/ui -name '*.py' | sort) -ts resources/translations/qonys_en.ts

## Start the desk on a demo store (created on first run). Log in as shown in the terminal.
run: $(STAMP) translations
	@test -f $(DEMO_DIR)/qonys.vault || $(BIN)/qonys --data-dir $(DEMO_DIR) demo
	$(BIN)/qonys --data-dir $(DEMO_DIR)

demo: $(STAMP)
	$(BIN)/qonys --data-dir $(DEMO_DIR) demo

## Lint, type-check and run the whole test suite.
test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff format --check desktop tests bench
	$(BIN)/ruff check desktop tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## Coverage of desktop/ is measured on every run; below the floor the run fails.
COVERAGE_FLOOR ?= 85
unit: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest --cov=desktop --cov-report=term:skip-covered \
		--cov-fail-under=$(COVERAGE_FLOOR)

## Every window and dialog in Kazakh and Russian at 1366x768, into docs/screenshots/ (and checked).
screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen QONYS_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/ui/test_screens.py

bench: $(STAMP) translations
	$(BIN)/python -m bench.store
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.desk

## The installable one-folder app in dist/qonys (PyInstaller; work files in build-work/).
dist: $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --workpath build-work --distpath dist build/qonys.spec
	@du -sh dist/qonys | awk '{print "dist/qonys: " $$1}'

## Build the app, then run the smoke test on the built binary (what CI does).
dist-test: dist
	QT_QPA_PLATFORM=offscreen QONYS_FROZEN_APP=dist/qonys $(BIN)/pytest tests/release/test_frozen.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) dist build-work .mypy_cache .ruff_cache .pytest_cache
