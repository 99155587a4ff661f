# EmoSync: `make run` sets up .venv and starts the app, `make test` sets up .venv and runs the tests.
# `make package` builds the double-click bundle in dist/EmoSync/ (`TORCH=cpu`: CPU-only torch, smaller).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The CPU-only torch wheel for the smaller bundle. Elsewhere than this machine (which keeps the
# wheel on disk) add PyTorch's CPU index: make package TORCH=cpu CPU_TORCH_INDEX=https://download.pytorch.org/whl/cpu
CPU_TORCH := torch==2.13.0
CPU_TORCH_INDEX ?=
TORCH ?= full
ifeq ($(TORCH),cpu)
PKG_VENV := .venv-cpu
else
PKG_VENV := $(VENV)
endif
PKG_STAMP := $(PKG_VENV)/.package-installed

.PHONY: run test test-package package bench clean

# Ray (requirements-ray.txt, optional at run time) too, so that `make test` runs the Ray tests.
$(STAMP): requirements.txt requirements-dev.txt requirements-ray.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt -r requirements-ray.txt
	touch $(STAMP)

.venv/.package-installed: $(STAMP) requirements-package.txt
	$(PY) -m pip install -q -r requirements-package.txt
	touch $@

# Runtime requirements with torch swapped for the CPU-only build; no development packages.
.venv-cpu/.package-installed: requirements.txt requirements-package.txt
	test -x .venv-cpu/bin/python || $(PYTHON) -m venv .venv-cpu
	.venv-cpu/bin/python -m pip install -q --upgrade pip
	.venv-cpu/bin/python -m pip install -q $(CPU_TORCH) $(if $(CPU_TORCH_INDEX),--index-url $(CPU_TORCH_INDEX))
	grep -v '^torch==' requirements.txt | .venv-cpu/bin/python -m pip install -q -r /dev/stdin -r requirements-package.txt
	touch $@

run: $(STAMP)
	$(PY) main.py $(ARGS)

# The import contracts (.importlinter: floors, rooms, no Qt in core) first: a second, then the tests.
test: $(STAMP)
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

# Builds the bundle (CPU torch) and runs its --self-test: tests/test_package.py.
test-package: $(STAMP)
	$(PY) -m pytest -q -m package

package: $(PKG_STAMP)
	rm -rf dist/EmoSync
	$(PKG_VENV)/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller pyinstaller.spec
	@du -sh dist/EmoSync

bench: $(STAMP)
	$(PY) -m benchmarks.bench_pipeline

clean:
	rm -rf $(VENV) .venv-cpu .pytest_cache build dist
