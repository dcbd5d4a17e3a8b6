"""A small Marian-architecture transformer in PyTorch that computes what CTranslate2 computes from its weights."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast

import numpy as np
import torch
from torch import Tensor, nn

from zhen.testmodel import Size, sinusoidal_positions

BOS, EOS, PAD = 1, 2, 3  # SentencePiece ids: <unk>=0 <s>=1 </s>=2 <pad>=3


class Attention(nn.Module):
    """Multi-head attention with biases, heads split contiguously (CTranslate2's layout)."""

    def __init__(self, d: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))

    def forward(self, x: Tensor, memory: Tensor, mask: Tensor) -> Tensor:
        b, t, d = x.shape
        h, dh = self.heads, d // self.heads

        def split(y: Tensor) -> Tensor:
            return y.view(b, -1, h, dh).transpose(1, 2)

        q, k, v = split(self.q(x)) / math.sqrt(dh), split(self.k(memory)), split(self.v(memory))
        scores = (q @ k.transpose(-1, -2)).masked_fill(~mask, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v
        return self.o(out.transpose(1, 2).reshape(b, t, d))


class Layer(nn.Module):
    """Post-norm layer: self-attention, (decoder) context attention, ReLU FFN, each followed by add & norm."""

    def __init__(self, size: Size, decoder: bool, dropout: float) -> None:
        super().__init__()
        d = size.d_model
        self.self_att, self.self_ln = Attention(d, size.heads), nn.LayerNorm(d)
        self.context: Attention | None = Attention(d, size.heads) if decoder else None
        self.context_ln = nn.LayerNorm(d)
        self.ffn1, self.ffn2, self.ffn_ln = nn.Linear(d, size.ffn), nn.Linear(size.ffn, d), nn.LayerNorm(d)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: Tensor, self_mask: Tensor, memory: Tensor | None = None,
                memory_mask: Tensor | None = None) -> Tensor:
        x = self.self_ln(x + self.drop(self.self_att(x, x, self_mask)))
        if self.context is not None and memory is not None and memory_mask is not None:
            x = self.context_ln(x + self.drop(self.context(x, memory, memory_mask)))
        return self.ffn_ln(x + self.drop(self.ffn2(self.drop(torch.relu(self.ffn1(x))))))


class Marian(nn.Module):
    """Encoder-decoder with tied embeddings scaled by sqrt(d_model), sinusoidal positions and a zero
    start embedding in the decoder (Marian's, which CTranslate2's Marian mapping reproduces)."""

    def __init__(self, vocab: int, size: Size, dropout: float = 0.1) -> None:
        super().__init__()
        self.size = size
        self.embed = nn.Embedding(vocab, size.d_model)
        nn.init.normal_(self.embed.weight, std=size.d_model ** -0.5)
        self.out_bias = nn.Parameter(torch.zeros(vocab))
        self.encoder = nn.ModuleList(Layer(size, False, dropout) for _ in range(size.layers))
        self.decoder = nn.ModuleList(Layer(size, True, dropout) for _ in range(size.layers))
        self.drop = nn.Dropout(dropout)
        self.register_buffer("positions", torch.tensor(sinusoidal_positions(size.d_model), dtype=torch.float32))

    def _embed(self, ids: Tensor, zero_first: bool) -> Tensor:
        x = self.embed(ids) * math.sqrt(self.size.d_model)
        if zero_first:
            x = torch.cat([torch.zeros_like(x[:, :1]), x[:, 1:]], dim=1)
        return self.drop(x + cast(Tensor, self.positions)[: ids.shape[1]])

    def encode(self, src: Tensor) -> tuple[Tensor, Tensor]:
        mask = (src != PAD)[:, None, None, :]
        x = self._embed(src, False)
        for layer in self.encoder:
            x = layer(x, mask)
        return x, mask

    def decode(self, tgt_in: Tensor, memory: Tensor, memory_mask: Tensor) -> Tensor:
        t = tgt_in.shape[1]
        causal = torch.ones(t, t, dtype=torch.bool, device=tgt_in.device).tril()[None, None]
        x = self._embed(tgt_in, True)
        for layer in self.decoder:
            x = layer(x, causal, memory, memory_mask)
        return x @ self.embed.weight.T + self.out_bias

    def forward(self, src: Tensor, tgt_in: Tensor) -> Tensor:
        memory, mask = self.encode(src)
        return self.decode(tgt_in, memory, mask)

    @torch.no_grad()
    def greedy(self, sources: list[list[int]], max_len: int = 64) -> list[list[int]]:
        """Greedy decoding without a cache (short sentences); ids without BOS/EOS."""
        self.eval()
        device = self.embed.weight.device
        out = []
        for ids in sources:
            memory, mask = self.encode(torch.tensor([ids + [EOS]], device=device))
            seq = [BOS]
            while len(seq) <= max_len:
                logits = self.decode(torch.tensor([seq], device=device), memory, mask)[0, -1]
                nxt = int(logits.argmax())
                if nxt == EOS:
                    break
                seq.append(nxt)
            out.append(seq[1:])
        return out

    def marian_weights(self) -> dict[str, np.ndarray]:
        """The weights under Marian's names (W as [in, out]), ready for CTranslate2's Marian mapping."""
        def np_(t: Tensor) -> np.ndarray:
            return t.detach().cpu().float().numpy().copy()

        w = {"Wemb": np_(self.embed.weight), "decoder_ff_logit_out_b": np_(self.out_bias)[None]}
        for side, layers in (("encoder", self.encoder), ("decoder", self.decoder)):
            for i, module in enumerate(layers, 1):
                layer, scope = cast(Layer, module), f"{side}_l{i}"
                blocks = [("self", layer.self_att, layer.self_ln)]
                if layer.context is not None:
                    blocks.append(("context", layer.context, layer.context_ln))
                for name, att, ln in blocks:
                    for p in "qkvo":
                        lin = getattr(att, p)
                        w[f"{scope}_{name}_W{p}"] = np_(lin.weight).T.copy()
                        w[f"{scope}_{name}_b{p}"] = np_(lin.bias)[None]
                    w[f"{scope}_{name}_Wo_ln_scale"], w[f"{scope}_{name}_Wo_ln_bias"] = np_(ln.weight)[None], np_(ln.bias)[None]
                w[f"{scope}_ffn_W1"], w[f"{scope}_ffn_b1"] = np_(layer.ffn1.weight).T.copy(), np_(layer.ffn1.bias)[None]
                w[f"{scope}_ffn_W2"], w[f"{scope}_ffn_b2"] = np_(layer.ffn2.weight).T.copy(), np_(layer.ffn2.bias)[None]
                w[f"{scope}_ffn_ffn_ln_scale"], w[f"{scope}_ffn_ffn_ln_bias"] = np_(layer.ffn_ln.weight)[None], np_(layer.ffn_ln.bias)[None]
        return w


Pair = tuple[list[int], list[int]]


def batches(pairs: list[Pair], max_tokens: int, rng: random.Random) -> Iterator[tuple[Tensor, Tensor, Tensor]]:
    """Length-sorted batches of about max_tokens (source + target), in random order: src, tgt_in, tgt_out."""
    order = sorted(range(len(pairs)), key=lambda i: (len(pairs[i][0]), len(pairs[i][1]), rng.random()))
    groups: list[list[int]] = []
    group: list[int] = []
    longest = 0
    for i in order:
        longest = max(longest, len(pairs[i][0]) + len(pairs[i][1]) + 2)
        if group and longest * (len(group) + 1) > max_tokens:
            groups.append(group)
            group, longest = [], len(pairs[i][0]) + len(pairs[i][1]) + 2
        group.append(i)
    if group:
        groups.append(group)
    rng.shuffle(groups)
    for g in groups:
        s = max(len(pairs[i][0]) for i in g) + 1
        t = max(len(pairs[i][1]) for i in g) + 1
        src = torch.full((len(g), s), PAD)
        tin, tout = torch.full((len(g), t), PAD), torch.full((len(g), t), PAD)
        for row, i in enumerate(g):
            x, y = pairs[i]
            src[row, : len(x) + 1] = torch.tensor(x + [EOS])
            tin[row, : len(y) + 1] = torch.tensor([BOS] + y)
            tout[row, : len(y) + 1] = torch.tensor(y + [EOS])
        yield src, tin, tout


@dataclass
class Schedule:
    """Warmup then linear decay to zero over the budget: whichever of epochs or minutes runs out first."""

    peak: float = 1e-3
    warmup: int = 400
    epochs: int = 1000
    minutes: float = 30.0


def train(model: Marian, pairs: list[Pair], schedule: Schedule, max_tokens: int = 4096, seed: int = 1,
          dev: list[Pair] | None = None, log: Callable[[str], None] = print, device: str = "cpu") -> Marian:
    """Train with Adam and label smoothing 0.1 until the time or epoch budget is spent."""
    rng = random.Random(seed)
    torch.manual_seed(seed)
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=schedule.peak, betas=(0.9, 0.98), eps=1e-9)
    loss_fn = nn.CrossEntropyLoss(ignore_index=PAD, label_smoothing=0.1)
    start, step, budget = time.monotonic(), 0, schedule.minutes * 60
    steps_per_epoch = sum(1 for _ in batches(pairs, max_tokens, random.Random(0)))
    total_steps = steps_per_epoch * schedule.epochs
    for epoch in range(1, schedule.epochs + 1):
        model.train()
        total, count = 0.0, 0
        for src, tin, tout in batches(pairs, max_tokens, rng):
            done = max((time.monotonic() - start) / budget, step / total_steps)
            if done >= 1.0:
                break
            step += 1
            for group in opt.param_groups:
                group["lr"] = schedule.peak * min(1.0, step / schedule.warmup) * (1.0 - done)
            logits = model(src.to(device), tin.to(device))
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tout.to(device).reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            total, count = total + loss.item(), count + 1
            if step % 100 == 0:
                log(f"step {step}: loss {total / count:.3f}, lr {opt.param_groups[0]['lr']:.2e}, "
                    f"{(time.monotonic() - start) / 60:.1f} min")
        elapsed = (time.monotonic() - start) / 60
        line = f"epoch {epoch}: steps {step}, train loss {total / max(count, 1):.3f}, {elapsed:.1f} min"
        if dev:
            line += f", dev loss {evaluate(model, dev, max_tokens, device):.3f}"
        log(line)
        if max((time.monotonic() - start) / budget, step / total_steps) >= 1.0:
            break
    return model.eval()


@torch.no_grad()
def evaluate(model: Marian, pairs: list[Pair], max_tokens: int, device: str = "cpu") -> float:
    """Mean token cross-entropy (no smoothing) on pairs."""
    model.eval()
    loss_fn = nn.CrossEntropyLoss(ignore_index=PAD, reduction="sum")
    total, tokens = 0.0, 0
    for src, tin, tout in batches(pairs, max_tokens, random.Random(0)):
        logits = model(src.to(device), tin.to(device))
        total += float(loss_fn(logits.reshape(-1, logits.shape[-1]), tout.to(device).reshape(-1)))
        tokens += int((tout != PAD).sum())
    return total / max(tokens, 1)
