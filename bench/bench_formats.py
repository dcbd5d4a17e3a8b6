"""Benchmark: a 100- and a 1,000-unit XLIFF, a 20- and a 200-page .docx, translated through the same driver
as `zhen translate FILE -o OUT` — time and peak memory by size.

Units and paragraphs are corpus sentences drawn at random (seeded), two to a unit, each starting with
a bold run (XLIFF: a <g> around the first sentence); a 'page' is ten paragraphs. The small random
test model translates (beam 1, at most 8 target tokens a sentence, no cache); each file runs in its
own process, so its peak RSS is its own."""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

X12 = "urn:oasis:names:tc:xliff:document:1.2"
CASES = (("xliff", 100), ("xliff", 1000), ("docx", 200), ("docx", 2000))


def _pairs(count: int) -> list[tuple[str, str]]:
    from helpers import corpus_documents
    from zhen.text.segment import split_sentences

    sentences = [s.source for _, text in corpus_documents() for line in text.splitlines()
                 for s in split_sentences(line) if s.translate]
    rng = random.Random(count)
    return [(rng.choice(sentences), rng.choice(sentences)) for _ in range(count)]


def make_xliff(path: Path, units: int) -> None:
    from lxml import etree

    root = etree.Element(f"{{{X12}}}xliff", version="1.2", nsmap={None: X12})
    file = etree.SubElement(root, f"{{{X12}}}file", {"source-language": "zh-CN", "target-language": "en",
                                                     "datatype": "plaintext", "original": "bench"})
    body = etree.SubElement(file, f"{{{X12}}}body")
    for n, (first, second) in enumerate(_pairs(units)):
        unit = etree.SubElement(body, f"{{{X12}}}trans-unit", id=f"u{n}")
        source = etree.SubElement(unit, f"{{{X12}}}source")
        etree.SubElement(source, f"{{{X12}}}g", id="1").text = first
        source[0].tail = second
    etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="UTF-8")


def make_docx(path: Path, paragraphs: int) -> None:
    import docx

    document = docx.Document()
    for first, second in _pairs(paragraphs):
        paragraph = document.add_paragraph()
        paragraph.add_run(first).bold = True
        paragraph.add_run(second)
    document.save(str(path))


def worker(kind: str, source: Path, output: Path, packages: Path) -> dict:
    from zhen.formats.base import FORMATS
    from zhen.formats.bilingual import open_checked, translate_file
    from zhen.mt.ct2 import load_backend
    from zhen.mt.models import find_model
    from zhen.mt.options import Options
    from zhen.terms.glossary import load_glossary
    from zhen.translate import Translator

    options = Options(beam=1, max_decoding_length=8, threads=2)
    translator = Translator(load_glossary(), load_backend(find_model(packages), options), options)
    started = time.perf_counter()
    document = open_checked(source, FORMATS[kind], output)
    summary, _, filled = translate_file(document, output, translator)
    return {"seconds": time.perf_counter() - started, "units": filled.filled, "sentences": summary.sentences,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "bytes": source.stat().st_size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *paths = args.worker
        print(json.dumps(worker(kind, *map(Path, paths))))
        return 0
    from helpers import corpus_documents
    from zhen.mt.models import install_model
    from zhen.terms.glossary import load_glossary
    from zhen.testmodel import build_package, train_sentencepiece

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts = [line for _, doc in corpus_documents() for line in doc.splitlines()] + [e.en for e in load_glossary()]
        install_model(build_package(root / "m.argosmodel", train_sentencepiece(texts, root / "sp")), root / "packages")
        rows = {}
        for kind, size in CASES:
            source = root / f"{kind}{size}.{'xlf' if kind == 'xliff' else 'docx'}"
            (make_xliff if kind == "xliff" else make_docx)(source, size)
            out = subprocess.run([sys.executable, __file__, "--worker", kind, str(source), str(root / f"out-{source.name}"),
                                  str(root / "packages")], capture_output=True, text=True, check=True)
            row = rows[(kind, size)] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{kind:>5} {size:>5} units ({row['bytes'] / 1024:6.0f} KiB)  {row['sentences']:>6,} sentences  "
                  f"{row['seconds']:7.2f} s  {row['seconds'] / size * 1000:6.1f} ms/unit  peak RSS {row['peak_mb']:5.0f} MB",
                  flush=True)
    for kind in ("xliff", "docx"):
        small, large = [rows[c] for c in CASES if c[0] == kind]
        print(f"{kind}: peak RSS, 10× the units: {large['peak_mb'] / small['peak_mb']:.2f}×; "
              f"time per unit: {large['seconds'] / large['units'] / (small['seconds'] / small['units']):.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
