# The README's two commands: `make run` and `make test`. Both need only Python 3 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test bench corpus clean score train

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Set everything up, ingest the demo corpus into out/council.db and print a summary.
run: $(STAMP)
	@mkdir -p out
	$(BIN)/council-extract ingest corpus --db out/council.db
	$(BIN)/council-extract summary --db out/council.db
	$(BIN)/council-extract recs --db out/council.db report --html out/recs.html

## Set everything up and run the tests.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Pooled scores on the shared gold, dev-train and dev-test (needs ../shared beside the project).
score: $(STAMP)
	$(BIN)/python scripts/score.py

## Rebuild the two trained models from our annotations (needs ../shared/papers beside the project;
## deterministic: the same annotations give the same files): the layout reader
## (extract/parse/layout/model.crfsuite) and the sentence classifier (extract/nlp/sentence_model.json).
train: $(STAMP)
	$(BIN)/python -m extract.parse.layout.train
	$(BIN)/python -m extract.nlp.train

## Benchmarks (on demand, never in the tests).
bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

## Regenerate the demo corpus (corpus/) and tests/fixtures/ from corpus_src/ (deterministic; the output is committed).
corpus: $(STAMP)
	$(BIN)/python scripts/make_corpus.py

clean:
	rm -rf $(VENV) out/*.db out/*.json
