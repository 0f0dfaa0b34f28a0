"""Train the page-dump headline ranker (`src/newsarchive/parse/dump_headline.json`).

    .venv/bin/python benchmarks/train_dump_model.py [--corpus DIR] [--kinds html2text,w3m]
                                                    [--dumps DIR --dump-kinds lynx] [--cv] [--write]
                                                    [--fit-only NAME,...] [--loto] [--score DIR ...]

Reads the whole-page dumps of `../shared/corpus/dumps/` (and, with `--dumps DIR`, those
`make_dumps.py` wrote of the same pages, such as lynx's) whose truth has a title, on fold A only
(the development fold of `accuracy_dumps.py`; fold B is left for reporting). Each page goes
through the dump reading's own preparation (`dump.page_units`: closing link list cut, wrapped
markdown rejoined), and the candidates are the units `dump.headline_candidates` proposes, each
described by `dump_model.features` (shallow features only: no words, no site names). A
candidate is a positive when the headline the parser would print from it (`dump.headline_raw`,
markup taken off) is the truth title (quotes and dashes folded, since some dump tools print them
in ASCII); a title printed twice (a breadcrumb's last item and the heading) gives two
positives, and either one counts. Pages whose title is not printed as one unit are skipped.

The model is linear and fitted listwise: a softmax over each page's candidates, cross-entropy
on the probability of the true ones, L2-regularised, by full-batch gradient descent (numpy, a
few seconds). It prints top-1 accuracy on both folds (with `--cv`, also top-1 on fold A's sites
held out five at a time: what a feature is judged by before fold B is looked at); `--write`
saves the weights as JSON in the package. `--fit-only` fits the weights of the features named
and holds the others at the saved model's (a new feature added to a model whose weights are kept).
`--loto` is the tool-generalisation check: for each dump kind trained on, a model trained on fold A
of the other kinds, scored on fold B of the one left out (a feature that only one tool's markup
carries shows there). `--score DIR` (repeatable) prints top-1 on both folds of every kind under
DIR, none of them trained on (`make_dumps.py`'s other tools).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
import zlib
from pathlib import Path

from scoring import CORPUS, fold_of, normalize, read_truth, site_of

from newsarchive.parse.dump import headline_candidates, headline_raw, page_units
from newsarchive.parse.dump_model import FEATURE_NAMES
from newsarchive.parse.dump_region import find_region
from newsarchive.parse.encoding import decode_text
from newsarchive.parse.text import plain_inline

MODEL = Path(__file__).resolve().parents[1] / "src" / "newsarchive" / "parse" / "dump_headline.json"
EPOCHS = 1500
LEARNING_RATE = 0.5
L2 = 0.003
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "«": '"', "»": '"'})

Page = tuple[list[list[float]], list[int], str]  # candidate vectors, indexes of the true ones, site
Folders = list[tuple[Path, list[str]]]  # dumps folders, each with the kinds read from it


def fold_text(text: str) -> str:
    return unicodedata.normalize("NFKC", normalize(text)).translate(_FOLD).casefold().strip()


def pages(folders: Folders, fold: str) -> tuple[list[Page], int]:
    """Training pages of one fold from each `(dumps folder, kinds)`, and how many titled pages
    there were in all."""
    found: list[Page] = []
    total = 0
    for dumps, kinds in folders:
        for truth in sorted(dumps.glob("*/*/truth.jsonl")):
            if truth.parent.name not in kinds:
                continue
            for record in read_truth(truth.parent):
                if not record.get("title") or fold_of(record) != fold:
                    continue
                total += 1
                page = page_units(decode_text((truth.parent / record["file"]).read_bytes())[0])
                if page is None:
                    continue
                units, references = page
                start, end, _ = find_region(units)
                if end <= start:
                    continue
                want = fold_text(record["title"])
                candidates = headline_candidates(units, start, end, references)
                positives = [
                    n
                    for n, (index, _) in enumerate(candidates)
                    if fold_text(plain_inline(headline_raw(units[index]))[0]) == want
                ]
                if positives:
                    found.append(([vector for _, vector in candidates], positives, site_of(record)))
    return found, total


def train(data: list[Page], held: dict[str, float] | None = None) -> list[float]:
    """Full-batch gradient descent on the listwise softmax loss (numpy, which the dev extras
    bring with pandas: the loop over pages runs as array operations). With `held`, the
    features it names keep those weights and only the others are fitted."""
    import numpy as np

    matrix = np.array([vector for vectors, _, _ in data for vector in vectors], dtype=float)
    sizes = np.array([len(vectors) for vectors, _, _ in data])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    page_of = np.repeat(np.arange(len(data)), sizes)
    positive = np.zeros(len(matrix))
    for page, (_, truths, _) in enumerate(data):
        positive[starts[page] + np.array(truths)] = 1.0
    held = held or {}
    weights = np.array([held.get(name, 0.0) for name in FEATURE_NAMES])
    free = np.array([name not in held for name in FEATURE_NAMES], dtype=float)
    for _ in range(EPOCHS):
        scores = matrix @ weights
        scores -= np.maximum.reduceat(scores, starts)[page_of]
        exps = np.exp(scores)
        probs = exps / np.add.reduceat(exps, starts)[page_of]
        # The loss is -log(sum of the true candidates' probabilities): its gradient pulls
        # the true candidates up in proportion to their share of that sum.
        true_probs = probs * positive
        share = true_probs / np.add.reduceat(true_probs, starts)[page_of]
        gradient = matrix.T @ (probs - share)
        weights -= LEARNING_RATE * (gradient / len(data) + L2 * weights) * free
    return [float(w) for w in weights]


def top1(data: list[Page], weights: list[float]) -> float:
    hits = 0
    for vectors, truths, _ in data:
        scores = [sum(w * x for w, x in zip(weights, v, strict=True)) for v in vectors]
        hits += scores.index(max(scores)) in truths
    return hits / len(data) if data else 0.0


def cross_validate(data: list[Page], parts: int = 5, held_weights: dict[str, float] | None = None) -> float:
    """Top-1 on held-out sites: fold A's sites split in `parts` groups, each scored by a
    model trained on the others (the figure that says whether a feature generalises)."""
    hits = 0.0
    for part in range(parts):
        held = [page for page in data if zlib.crc32(page[2].encode()) % parts == part]
        rest = [page for page in data if zlib.crc32(page[2].encode()) % parts != part]
        hits += top1(held, train(rest, held_weights)) * len(held)
    return hits / len(data) if data else 0.0


def leave_one_tool_out(folders: Folders, held_weights: dict[str, float] | None = None) -> list[tuple[str, float]]:
    """`(kind, top-1)` on fold B of each kind of `folders`, scored by a model trained on fold A
    of the other kinds only: how the ranker does on a tool it was never trained on."""
    found: list[tuple[str, float]] = []
    kinds = [kind for _, listed in folders for kind in listed]
    for kind in kinds:
        others = [(folder, [k for k in listed if k != kind]) for folder, listed in folders]
        weights = train(pages([(f, k) for f, k in others if k], "A")[0], held_weights)
        found.append((kind, top1(pages([(f, [kind]) for f, _ in folders], "B")[0], weights)))
    return found


def kinds_under(folder: Path) -> list[str]:
    """The dump kinds (`SOURCE/KIND/truth.jsonl`) under `folder`, in order."""
    return sorted({truth.parent.name for truth in folder.glob("*/*/truth.jsonl")})


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", type=Path, default=CORPUS)
    options.add_argument("--kinds", default="html2text,w3m")
    options.add_argument("--dumps", type=Path, default=None, help="more dumps in the corpus's layout (make_dumps.py)")
    options.add_argument("--dump-kinds", default="lynx", help="the kinds read from --dumps")
    options.add_argument("--cv", action="store_true", help="also print grouped cross-validation on fold A")
    options.add_argument("--write", action="store_true", help=f"save the weights to {MODEL.name}")
    options.add_argument("--loto", action="store_true", help="also print leave-one-tool-out top-1 on fold B")
    options.add_argument(
        "--score", type=Path, action="append", default=[], metavar="DIR", help="also score every kind under DIR"
    )
    options.add_argument(
        "--fit-only", default="", metavar="NAMES", help=f"fit only these features, the others held as {MODEL.name} has"
    )
    args = options.parse_args(argv)
    if not (args.corpus / "dumps").is_dir():
        print(f"No dumps found under {args.corpus}; nothing to train on.")
        return 0
    folders = [(args.corpus / "dumps", args.kinds.split(","))]
    if args.dumps is not None:
        folders.append((args.dumps, args.dump_kinds.split(",")))
    train_pages, train_total = pages(folders, "A")
    test_pages, test_total = pages(folders, "B")
    held: dict[str, float] | None = None
    if args.fit_only:
        saved = json.loads(MODEL.read_text(encoding="utf-8"))
        fitted = set(args.fit_only.split(","))
        held = {n: w for n, w in zip(saved["features"], saved["weights"], strict=True) if n not in fitted}
        held.update({n: 0.0 for n in FEATURE_NAMES if n not in held and n not in fitted})
    weights = train(train_pages, held)
    for label, data, total in (("A (trained on)", train_pages, train_total), ("B (held out)", test_pages, test_total)):
        print(f"fold {label}: {len(data)}/{total} titled pages print the title; top-1 {top1(data, weights):.3f}")
    if args.cv:
        note = " (the held weights saw all of fold A)" if held else ""
        found = cross_validate(train_pages, held_weights=held)
        print(f"fold A, 5-fold cross-validation by site: top-1 {found:.3f}{note}")
    if args.loto:
        found = leave_one_tool_out(folders, held)
        cells = ", ".join(f"{kind} {value:.3f}" for kind, value in found)
        mean = sum(value for _, value in found) / len(found) if found else 0.0
        print(f"leave one tool out, fold B: {cells}; mean {mean:.3f}")
    for folder in args.score:
        for kind in kinds_under(folder):
            scored = [top1(pages([(folder, [kind])], fold)[0], weights) for fold in "AB"]
            print(f"not trained on: {kind} top-1 fold A {scored[0]:.3f}, fold B {scored[1]:.3f}")
    for name, weight in sorted(zip(FEATURE_NAMES, weights, strict=True), key=lambda p: -abs(p[1]))[:12]:
        print(f"  {name:<18} {weight:+.3f}")
    if args.write:
        data = {"features": list(FEATURE_NAMES), "weights": [round(w, 5) for w in weights], "bias": 0.0}
        MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
