# isnad: `make run` sets up .venv and analyses the example article; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXAMPLE := examples/khanasir-2016-02-25.txt
SHARED ?= ../shared

.PHONY: setup run test bench lexicon stance-model schema score score-dev clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/isnad analyze $(EXAMPLE)

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) scripts/bench.py --data $(SHARED)/data/baly2018

# score the example article against its hand-checked gold file
score: $(STAMP)
	$(VENV)/bin/isnad analyze $(EXAMPLE) --format jsonl > $(VENV)/example.jsonl
	$(PYTHON) $(SHARED)/eval/score.py $(SHARED)/examples/*.gold.json --pred $(VENV)/example.jsonl

# analyse the development set (tests/gold/, texts in ../shared) and score it, overall and by country
score-dev: $(STAMP)
	$(PY) scripts/dev_set.py --shared $(SHARED) score

# rebuild shipped resources from ../shared/data
lexicon: $(STAMP)
	$(PY) scripts/build_lexicon.py --data $(SHARED)/data

# retrain the shipped stance model (folds 1-4 of Baly 2018); prints the fold-4 figures of the folds 1-3 model
stance-model: $(STAMP)
	$(PY) scripts/train_stance.py --data $(SHARED)/data --ship

schema: $(STAMP)
	$(VENV)/bin/isnad schema > schema/article.schema.json

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
