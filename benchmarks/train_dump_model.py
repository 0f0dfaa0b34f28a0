"""Train the page-dump headline ranker (`src/newsarchive/parse/dump_headline.json`).

    .venv/bin/python benchmarks/train_dump_model.py [--corpus DIR] [--kinds html2text,w3m] [--write]

Reads the whole-page dumps of `../shared/corpus/dumps/` whose truth has a title, on fold A only
(the development fold of `accuracy_dumps.py`; fold B is left for reporting). For each page the
candidates are the units `dump.headline_candidates` proposes, each described by
`dump_model.features` (shallow features only: no words, no site names); the positive is the
candidate whose text is the truth title (quotes and dashes folded, since some dump tools
print them in ASCII). Pages whose title is not printed as one unit are skipped.

The model is linear and fitted listwise: a softmax over each page's candidates, cross-entropy
on the true one, L2-regularised, by full-batch gradient descent (numpy, a few seconds).
It prints top-1 accuracy on both folds; `--write` saves the weights as JSON in the package.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from scoring import CORPUS, fold_of, normalize, read_truth

from newsarchive.parse.dump import headline_candidates
from newsarchive.parse.dump_model import FEATURE_NAMES
from newsarchive.parse.dump_region import find_region, units_of
from newsarchive.parse.encoding import decode_text

MODEL = Path(__file__).resolve().parents[1] / "src" / "newsarchive" / "parse" / "dump_headline.json"
EPOCHS = 1500
LEARNING_RATE = 0.5
L2 = 0.001
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "«": '"', "»": '"'})

Page = tuple[list[list[float]], int]  # candidate vectors, index of the true one


def fold_text(text: str) -> str:
    return unicodedata.normalize("NFKC", normalize(text)).translate(_FOLD).casefold().strip()


def pages(corpus: Path, kinds: list[str], fold: str) -> tuple[list[Page], int]:
    """Training pages of one fold, and how many titled pages there were in all."""
    found: list[Page] = []
    total = 0
    for truth in sorted((corpus / "dumps").glob("*/*/truth.jsonl")):
        if truth.parent.name not in kinds:
            continue
        for record in read_truth(truth.parent):
            if not record.get("title") or fold_of(record) != fold:
                continue
            total += 1
            text = decode_text((truth.parent / record["file"]).read_bytes())[0]
            units = units_of(text)
            start, end, _ = find_region(units)
            if end <= start:
                continue
            want = fold_text(record["title"])
            candidates = headline_candidates(units, start, end)
            positives = [n for n, (index, _) in enumerate(candidates) if fold_text(units[index].visible) == want]
            if positives:
                found.append(([vector for _, vector in candidates], positives[0]))
    return found, total


def train(data: list[Page]) -> list[float]:
    """Full-batch gradient descent on the listwise softmax loss (numpy, which the dev extras
    bring with pandas: the loop over pages runs as array operations)."""
    import numpy as np

    matrix = np.array([vector for vectors, _ in data for vector in vectors], dtype=float)
    sizes = np.array([len(vectors) for vectors, _ in data])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    page_of = np.repeat(np.arange(len(data)), sizes)
    target = np.zeros(len(matrix))
    target[starts + np.array([truth for _, truth in data])] = 1.0
    weights = np.zeros(len(FEATURE_NAMES))
    for _ in range(EPOCHS):
        scores = matrix @ weights
        scores -= np.maximum.reduceat(scores, starts)[page_of]
        exps = np.exp(scores)
        probs = exps / np.add.reduceat(exps, starts)[page_of]
        gradient = matrix.T @ (probs - target)
        weights -= LEARNING_RATE * (gradient / len(data) + L2 * weights)
    return [float(w) for w in weights]


def top1(data: list[Page], weights: list[float]) -> float:
    hits = 0
    for vectors, truth in data:
        scores = [sum(w * x for w, x in zip(weights, v, strict=True)) for v in vectors]
        hits += scores.index(max(scores)) == truth
    return hits / len(data) if data else 0.0


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", type=Path, default=CORPUS)
    options.add_argument("--kinds", default="html2text,w3m")
    options.add_argument("--write", action="store_true", help=f"save the weights to {MODEL.name}")
    args = options.parse_args(argv)
    if not (args.corpus / "dumps").is_dir():
        print(f"No dumps found under {args.corpus}; nothing to train on.")
        return 0
    kinds = args.kinds.split(",")
    train_pages, train_total = pages(args.corpus, kinds, "A")
    test_pages, test_total = pages(args.corpus, kinds, "B")
    weights = train(train_pages)
    for label, data, total in (("A (trained on)", train_pages, train_total), ("B (held out)", test_pages, test_total)):
        print(f"fold {label}: {len(data)}/{total} titled pages print the title; top-1 {top1(data, weights):.3f}")
    for name, weight in sorted(zip(FEATURE_NAMES, weights, strict=True), key=lambda p: -abs(p[1]))[:12]:
        print(f"  {name:<18} {weight:+.3f}")
    if args.write:
        data = {"features": list(FEATURE_NAMES), "weights": [round(w, 5) for w in weights], "bias": 0.0}
        MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
