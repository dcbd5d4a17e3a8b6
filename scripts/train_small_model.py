#!/usr/bin/env python3
"""Train a small Marian-architecture zh→en transformer on Tatoeba and package it as an .argosmodel.

    nice python scripts/train_small_model.py [--minutes 30] [--device cuda]

Data: ../shared/eval/tatoeba-cmn-eng/cmn-eng.tsv (CC-BY 2.0 FR, Tatoeba; each line keeps its attribution in
the split files written next to the model). A seeded split holds out a test and a dev set; nothing from
FLORES or newstest is used. The trained weights go through CTranslate2's Marian mapping (zhen.testmodel),
greedy decoding in torch and in CTranslate2 is checked to agree token for token, and the package lands in
$ZHEN_CACHE_DIR/models (default ~/.cache/zhen/models), never in the repository. chrF and BLEU on the test
split are printed with sacrebleu and its signatures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "tatoeba-cmn-eng" / "cmn-eng.tsv"
NAME = "translate-zh_en-tatoeba_small"


def cache_dir() -> Path:
    env = os.environ.get("ZHEN_CACHE_DIR")
    return (Path(env) if env else Path.home() / ".cache" / "zhen") / "models"


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(english, chinese, attribution) per line; the export starts with a BOM."""
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
            rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip() if len(parts) > 2 else ""))
    return rows


def split(rows: list[tuple[str, str, str]], test: int, dev: int, seed: int) -> dict[str, list[tuple[str, str, str]]]:
    """Seeded split; a Chinese sentence and all its translations stay in one part, so test sources are unseen."""
    by_zh: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        by_zh.setdefault(row[1], []).append(row)
    keys = sorted(by_zh)
    random.Random(seed).shuffle(keys)
    parts: dict[str, list[tuple[str, str, str]]] = {"test": [], "dev": [], "train": []}
    for key in keys:
        part = "test" if len(parts["test"]) < test else "dev" if len(parts["dev"]) < dev else "train"
        parts[part].extend(by_zh[key])
    return parts


def write_split(rows: list[tuple[str, str, str]], path: Path) -> None:
    path.write_text("".join(f"{en}\t{zh}\t{attr}\n" for en, zh, attr in rows), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: <cache>/models/tatoeba-small)")
    ap.add_argument("--minutes", type=float, default=30.0, help="training time budget (wall clock)")
    ap.add_argument("--epochs", type=int, default=1000, help="epoch budget; whichever budget runs out first")
    ap.add_argument("--limit", type=int, default=0, help="use only this many training pairs (smoke tests)")
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ffn", type=int, default=1024)
    ap.add_argument("--vocab-size", type=int, default=6000)
    ap.add_argument("--max-tokens", type=int, default=4096, help="tokens per training batch")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=400, help="warmup steps")
    ap.add_argument("--test-size", type=int, default=1000)
    ap.add_argument("--dev-size", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true",
                    help="continue from the folder's model.pt and sentencepiece.model (a fresh schedule)")
    args = ap.parse_args(argv)

    import sacrebleu
    import sentencepiece as spm
    import torch
    import ctranslate2

    from zhen.mt import small
    from zhen.testmodel import Size, convert_weights, package_model
    from zhen.text.normalize import normalize

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = args.out or cache_dir() / "tatoeba-small"
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def log(msg: str) -> None:
        print(f"[{(time.monotonic() - started) / 60:5.1f} min] {msg}", flush=True)

    parts = split(read_pairs(args.data), args.test_size, args.dev_size, args.seed)
    if args.limit:
        parts["train"] = parts["train"][: args.limit]
    for name, rows in parts.items():
        write_split(rows, out / f"{name}.tsv")
    log(f"split: {', '.join(f'{k} {len(v)}' for k, v in parts.items())} → {out}")

    # The engine feeds normalized (simplified) text to the model, so the model learns on the same.
    src = {k: [normalize(zh).text for _, zh, _ in v] for k, v in parts.items()}
    ref = {k: [en for en, _, _ in v] for k, v in parts.items()}
    if not args.resume:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(src["train"] + ref["train"]), model_prefix=str(out / "sentencepiece"),
            vocab_size=args.vocab_size, hard_vocab_limit=False, character_coverage=0.9995, model_type="unigram",
            pad_id=small.PAD, unk_id=0, bos_id=small.BOS, eos_id=small.EOS, minloglevel=2,
        )
    sp = spm.SentencePieceProcessor(model_file=str(out / "sentencepiece.model"))
    vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    log(f"sentencepiece: {len(vocabulary)} pieces (shared zh+en)")

    def encode(k: str) -> list[small.Pair]:
        return [(sp.encode(z), sp.encode(e)) for z, e in zip(src[k], ref[k])]

    train_pairs = [p for p in encode("train") if len(p[0]) <= 80 and len(p[1]) <= 80]
    size = Size(layers=args.layers, d_model=args.d_model, heads=args.heads, ffn=args.ffn)
    if args.resume:
        saved = torch.load(out / "model.pt", weights_only=False)
        size = Size(**saved["size"])
    model = small.Marian(len(vocabulary), size)
    if args.resume:
        model.load_state_dict(saved["state"])
    log(f"model: {size}, {sum(p.numel() for p in model.parameters()) / 1e6:.1f} M parameters; "
        f"training on {len(train_pairs)} pairs for at most {args.minutes} min / {args.epochs} epochs")
    schedule = small.Schedule(peak=args.lr, warmup=args.warmup, epochs=args.epochs, minutes=args.minutes)
    small.train(model, train_pairs, schedule, args.max_tokens, args.seed, encode("dev"), log, args.device)
    model.cpu()
    torch.save({"size": size.__dict__, "state": model.state_dict()}, out / "model.pt")

    weights = model.marian_weights()
    with tempfile.TemporaryDirectory() as tmp:
        # Equivalence: the float32 conversion must decode exactly what the torch model decodes.
        exact = convert_weights(weights, vocabulary, Path(tmp) / "f32", size, quantization="float32")
        probe = [sp.encode(s) for s in src["test"][:20]]
        mine = model.greedy(probe, max_len=64)
        ct2 = ctranslate2.Translator(str(exact), device="cpu", intra_threads=args.threads)
        theirs = [sp.piece_to_id(r.hypotheses[0]) for r in ct2.translate_batch(
            [sp.id_to_piece(ids) for ids in probe], beam_size=1, max_decoding_length=64)]
        same = sum(a == b for a, b in zip(mine, theirs))
        log(f"torch ↔ CTranslate2 greedy agreement: {same}/{len(probe)} sentences token for token")
        assert same == len(probe), "the CTranslate2 conversion does not compute what the torch model computes"

        model_dir = convert_weights(weights, vocabulary, Path(tmp) / "model", size, quantization="int8")
        readme = (f"# zh→en model trained on Tatoeba by zhen's scripts/train_small_model.py\n"
                  f"{size.layers}+{size.layers} layers, d_model {size.d_model}, {len(vocabulary)} shared pieces, "
                  f"{len(train_pairs)} training pairs. Training data: Tatoeba (tatoeba.org), CC-BY 2.0 (France); "
                  "per-sentence attribution in the train/dev/test .tsv files beside the package.\n"
                  "A small model for testing glossary enforcement, not for real translation.\n")
        package = package_model(out / f"{NAME}.argosmodel", out / "sentencepiece.model", model_dir, readme,
                                "0.1", NAME)
    log(f"package: {package}")

    # Test-split scores of the packaged (int8) model, decoded as zhen's engine does by default (beam 4).
    translator = ctranslate2.Translator(str(model_dir_after(package, out)), device="cpu", intra_threads=args.threads)
    results = translator.translate_batch([sp.encode(s, out_type=str) for s in src["test"]], beam_size=4,
                                         length_penalty=0.2, max_decoding_length=128, max_batch_size=64)
    hyps = [sp.decode(r.hypotheses[0]) for r in results]
    (out / "test.hyp.en").write_text("\n".join(hyps) + "\n", encoding="utf-8")
    chrf = sacrebleu.metrics.CHRF()
    bleu = sacrebleu.metrics.BLEU()
    c, b = chrf.corpus_score(hyps, [ref["test"]]), bleu.corpus_score(hyps, [ref["test"]])
    print(f"test ({len(hyps)} sentences): {c}  [{chrf.get_signature()}]")
    print(f"test ({len(hyps)} sentences): {b}  [{bleu.get_signature()}]")
    (out / "scores.json").write_text(json.dumps({"chrF": round(c.score, 2), "BLEU": round(b.score, 2),
                                                 "chrF_signature": str(chrf.get_signature()),
                                                 "BLEU_signature": str(bleu.get_signature())}, indent=1))
    for z, e, h in list(zip(src["test"], ref["test"], hyps))[:8]:
        print(f"  {z}\n    ref: {e}\n    hyp: {h}")
    log("done")
    return 0


def model_dir_after(package: Path, out: Path) -> Path:
    """Unpack the package's model folder beside it (the copy the scores are computed on)."""
    import zipfile

    with zipfile.ZipFile(package) as archive:
        archive.extractall(out / "unpacked")
    return out / "unpacked" / NAME / "model"


if __name__ == "__main__":
    sys.exit(main())
