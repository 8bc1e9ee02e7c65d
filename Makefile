# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# kg's own modules compiled to bytecode once, here: where PYTHONDONTWRITEBYTECODE is set, Python would
# otherwise compile them again at every start of kg (0.2-0.4 s); only changed files are compiled again
install: $(STAMP)
	$(BIN)/python -m compileall -q kg

demo: install
	$(BIN)/kg build examples/ --out output/

# pytest exits 5 when it collected no test: that is a failure here, never a pass.
test: install
	bash tests/setup_browser.sh
	$(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

clean:
	rm -rf output/store output/*.trig output/*.graphml output/*.html
