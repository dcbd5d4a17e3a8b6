"""Build a random-weight Argos zh→en package (SentencePiece + CTranslate2) for tests and benchmarks."""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Size:
    """Transformer dimensions; `real` matches OPUS-MT zh-en (transformer-base, post-norm)."""

    layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 256


TINY = Size()
REAL = Size(layers=6, d_model=512, heads=8, ffn=2048)


def train_sentencepiece(texts: list[str], prefix: Path, vocab_size: int = 4000) -> Path:
    """Train a small unigram SentencePiece model on texts (a few seconds); return its path."""
    import sentencepiece as spm

    prefix.parent.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([t for t in texts if t.strip()]),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _random_weights(size: Size, vocab: int, rng: np.random.Generator, eos: int | None = None,
                    eos_bias: float = 0.0) -> dict[str, np.ndarray]:
    d, f = size.d_model, size.ffn

    def mat(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * (1.0 / np.sqrt(shape[0]))).astype(np.float32)

    # Unit-variance embeddings keep the random decoder from collapsing onto one repeated token.
    weights: dict[str, np.ndarray] = {"Wemb": rng.standard_normal((vocab, d)).astype(np.float32), "decoder_ff_logit_out_b": np.zeros((1, vocab), np.float32)}
    for side in ("encoder", "decoder"):
        for layer in range(1, size.layers + 1):
            scope = f"{side}_l{layer}"
            blocks = ["self", "context"] if side == "decoder" else ["self"]
            for block in blocks:
                for name in "qkvo":
                    weights[f"{scope}_{block}_W{name}"] = mat(d, d)
                    weights[f"{scope}_{block}_b{name}"] = np.zeros((1, d), np.float32)
                weights[f"{scope}_{block}_Wo_ln_scale"] = np.ones((1, d), np.float32)
                weights[f"{scope}_{block}_Wo_ln_bias"] = np.zeros((1, d), np.float32)
            weights[f"{scope}_ffn_W1"], weights[f"{scope}_ffn_b1"] = mat(d, f), np.zeros((1, f), np.float32)
            weights[f"{scope}_ffn_W2"], weights[f"{scope}_ffn_b2"] = mat(f, d), np.zeros((1, d), np.float32)
            weights[f"{scope}_ffn_ffn_ln_scale"] = np.ones((1, d), np.float32)
            weights[f"{scope}_ffn_ffn_ln_bias"] = np.zeros((1, d), np.float32)
    if eos is not None:
        # A bias on </s> makes the random decoder stop after a few tokens, as a trained one does.
        weights["decoder_ff_logit_out_b"][0, eos] = eos_bias
    return weights


def sinusoidal_positions(dim: int, count: int = 2048) -> np.ndarray:
    """The position table CTranslate2's Marian mapping builds: sines in the first half, cosines in the second."""
    positions = np.arange(count)[:, None]
    timescales = np.power(10000, 2 * (np.arange(dim) // 2) / dim)[None, :]
    angles = positions / timescales
    table = np.zeros_like(angles)
    table[:, : dim // 2] = np.sin(angles[:, 0::2])
    table[:, dim // 2:] = np.cos(angles[:, 1::2])
    return table.astype(np.float32)


def convert_weights(weights: dict[str, np.ndarray], vocabulary: list[str], output_dir: Path, size: Size = TINY,
                    quantization: str = "int8", alignment_layer: int = -1, alignment_heads: int = 1) -> Path:
    """Write a CTranslate2 transformer from Marian-named weights over `vocabulary` (shared source/target)."""
    from ctranslate2.converters import Converter
    from ctranslate2.converters.marian import set_transformer_spec
    from ctranslate2.specs import TransformerSpec

    class WeightsConverter(Converter):
        def _load(self):
            # Post-norm like OPUS-MT; the Marian weight names let CTranslate2's own Marian mapping fill the spec.
            spec = TransformerSpec.from_config((size.layers, size.layers), size.heads, pre_norm=False,
                                               alignment_layer=alignment_layer, alignment_heads=alignment_heads)
            set_transformer_spec(spec, weights)
            spec.register_source_vocabulary(vocabulary)
            spec.register_target_vocabulary(vocabulary)
            spec.config.add_source_eos = True
            return spec

    WeightsConverter().convert(str(output_dir), quantization=quantization, force=True)
    return output_dir


def convert_random_model(vocabulary: list[str], output_dir: Path, size: Size = TINY, seed: int = 0,
                         quantization: str = "int8", eos_bias: float = 0.0) -> Path:
    """Write a CTranslate2 transformer with random weights over `vocabulary` (shared source/target).

    eos_bias > 0 raises the logit of </s> so that decoding stops by itself (0: it never does)."""
    eos = vocabulary.index("</s>") if eos_bias and "</s>" in vocabulary else None
    weights = _random_weights(size, len(vocabulary), np.random.default_rng(seed), eos, eos_bias)
    return convert_weights(weights, vocabulary, output_dir, size, quantization)


def package_model(output: Path, sp_model: Path, model_dir: Path, readme: str, version: str,
                  name: str = "translate-zh_en-random", demo: bool = False) -> Path:
    """Zip a CTranslate2 model directory and its SentencePiece model as a translate-zh_en .argosmodel.

    demo: the weights are random, so its English is meaningless; metadata.json says so ("demo": true)
    and every run on it says so too."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        shutil.copytree(model_dir, root / "model")
        shutil.copyfile(sp_model, root / "sentencepiece.model")
        metadata: dict[str, str | bool] = {
            "package_version": version, "argos_version": "1.9.0", "from_code": "zh", "from_name": "Chinese",
            "to_code": "en", "to_name": "English", "type": "translate",
        }
        if demo:
            metadata["demo"] = True
        (root / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
        (root / "README.md").write_text(readme, encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(root.rglob("*")):
                archive.write(file, file.relative_to(Path(tmp)))
    return output


def build_package(output: Path, sp_model: Path, vocabulary: list[str] | None = None, size: Size = TINY,
                  seed: int = 0, version: str = "0.0-random", eos_bias: float = 0.0) -> Path:
    """Package a SentencePiece model and a random CTranslate2 model as a valid translate-zh_en .argosmodel,
    marked as a demo model."""
    import sentencepiece as spm

    if vocabulary is None:
        sp = spm.SentencePieceProcessor(model_file=str(sp_model))
        vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = convert_random_model(vocabulary, Path(tmp) / "model", size, seed, eos_bias=eos_bias)
        readme = (f"# Random-weight zh→en model for tests ({size.layers}+{size.layers} layers, d_model {size.d_model})\n"
                  "Its output is meaningless but deterministic.\n")
        return package_model(output, sp_model, model_dir, readme, version, demo=True)


# Language tokens a random multilingual model carries, as NLLB-200 and M2M-100 do.
FAMILY_TOKENS = {"nllb": ["zho_Hans", "eng_Latn"], "m2m100": ["__zh__", "__en__"]}


def build_model_dir(family: str, output_dir: Path, source_sp: Path, target_sp: Path | None = None,
                    size: Size = TINY, seed: int = 0) -> Path:
    """A converted CTranslate2 model directory of another family, with random weights, for tests.

    marian: post-norm, two SentencePiece models (source.spm, target.spm) and two vocabularies, as
    ct2-opus-mt-converter writes them. nllb / m2m100: pre-norm, one SentencePiece model and a shared
    vocabulary that ends with the family's language tokens, which the pipeline adds itself."""
    import sentencepiece as spm
    from ctranslate2.converters import Converter
    from ctranslate2.converters.marian import set_transformer_spec
    from ctranslate2.specs import TransformerSpec

    def pieces(path: Path) -> list[str]:
        sp = spm.SentencePieceProcessor(model_file=str(path))
        return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]

    source = pieces(source_sp)
    target = pieces(target_sp) if family == "marian" and target_sp else source
    if family in FAMILY_TOKENS:
        source = target = source + FAMILY_TOKENS[family]
    rng = np.random.default_rng(seed)
    weights = _random_weights(size, len(target), rng)
    if target is not source:
        # Separate vocabularies: Marian names the two embedding tables per side; the output layer reuses the decoder's.
        weights["decoder_Wemb"] = weights.pop("Wemb")
        weights["encoder_Wemb"] = rng.standard_normal((len(source), size.d_model)).astype(np.float32)
    pre_norm = family in FAMILY_TOKENS
    if pre_norm:
        for side in ("encoder", "decoder"):
            weights[f"{side}_top_ln_scale"] = np.ones((1, size.d_model), np.float32)
            weights[f"{side}_top_ln_bias"] = np.zeros((1, size.d_model), np.float32)

    class FamilyConverter(Converter):
        def _load(self):
            spec = TransformerSpec.from_config((size.layers, size.layers), size.heads, pre_norm=pre_norm)
            set_transformer_spec(spec, weights)
            spec.register_source_vocabulary(source)
            spec.register_target_vocabulary(target)
            # Marian appends EOS to the source itself; NLLB/M2M inputs carry it already (the pipeline adds it).
            spec.config.add_source_eos = not pre_norm
            return spec

    FamilyConverter().convert(str(output_dir), quantization="int8", force=True)
    if family == "marian":
        shutil.copyfile(source_sp, output_dir / "source.spm")
        shutil.copyfile(target_sp or source_sp, output_dir / "target.spm")
    else:
        shutil.copyfile(source_sp, output_dir / "sentencepiece.bpe.model")
    return output_dir
