"""The Ray Data executor: the pure core's stages (read → prepare → decode → assemble → write) on a Ray cluster.

Ray is imported only inside these functions, so `import zhen.cli` never pulls it in; without it, --ray
fails with one line naming the extra. Outputs, statuses and signature are the local driver's, byte for byte:
the stages call the same prepare/translate_units/assemble/render, and a sentence's English does not
depend on which sentences share its batch."""

from __future__ import annotations

import json
import logging
import os
import pickle
import socket
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from zhen.errors import ClusterError, InputError, ZhenError
from zhen.mt.backend import Backend, Decoder, Hypothesis
from zhen.mt.cache import Cache
from zhen.mt.ct2 import decoder_signature, load_backend, load_tokenizer
from zhen.mt.models import ModelInfo
from zhen.mt.options import Options
from zhen.mt.pipeline import Prepared, Summary, assemble, prepare
from zhen.render import render, render_record
from zhen.terms.glossary import Glossary
from zhen.terms.match import matcher_for
from zhen.text.sources import Sources
from zhen.translate import Job, Progress, Translator, Written, open_manifest, output_target, pending, plan, write_document
from zhen.write import atomic_write_lines, locked

EXTRA = "--ray needs Ray: pip install 'zhen[ray]'"
# Documents per Ray Data block and per actor call: enough sentences to fill length-sorted token
# batches, few enough that a retried call redoes little and two workers share the load evenly.
DOCS_PER_BATCH = 16
# CPU share of a prepare task: light next to decoding, and a fraction lets it run beside actors that
# hold the cores.
TASK_CPUS = 0.25
CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class RayConfig:
    """Where and how wide a Ray run is."""

    address: str | None = None  # None: start a local instance for this run
    workers: int = 1  # translating actors (each loads the model once)
    num_cpus: int | None = None  # size of a local instance (default: this machine's cores)
    docs_per_batch: int = DOCS_PER_BATCH
    # For tests of Ray's retry: a marker path; the first actor call to find it missing creates it and
    # kills its own process, as a crashed worker would.
    fail_once: str | None = None


def require_ray() -> Any:
    """The ray module, or ClusterError naming the extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ClusterError(EXTRA) from None
    return ray


def check_reachable(address: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Fail in at most `timeout` seconds, with one line, when nothing listens at a cluster address.

    ray.init alone retries for a minute or more before giving up with a long traceback."""
    if address == "auto":
        return
    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ClusterError(f"--ray-address {address}: expected HOST:PORT (or ray://HOST:PORT, or auto)")
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ClusterError(f"--ray-address {address}: cannot reach a Ray cluster there ({reason})") from None


class _SignatureOnly(Decoder):
    """A decoder that is never loaded on the driver: it only signs the run, the actors translate."""

    def __init__(self, model: ModelInfo) -> None:
        self.text = decoder_signature(model)

    def translate(self, sources: list[list[str]], prefixes: list[list[str]] | None = None,
                  attention: bool = False, suppress: list[list[str]] | None = None) -> list[Hypothesis]:
        raise RuntimeError("the Ray driver does not decode; its actors do")

    def signature(self) -> str:
        return self.text


def driver_translator(glossary: Glossary, model: ModelInfo, options: Options) -> Translator:
    """A Translator whose signature, run key and avoid list equal a loaded one's, without the weights."""
    return Translator(glossary, Backend(load_tokenizer(model), _SignatureOnly(model), model.family), options)


# Per worker process: Ray reuses processes across tasks, so each loads a tokenizer and matcher once.
_WORKER: dict[tuple[str, str], Any] = {}


def _once(key: tuple[str, str], make: Callable[[], Any]) -> Any:
    if key not in _WORKER:
        _WORKER[key] = make()
    return _WORKER[key]


def _prepare_batch(batch: dict[str, Any], glossary: Glossary, model: ModelInfo, run_key: tuple[str, ...]) -> dict[str, Any]:
    """Stage 2 (CPU task): read and segment documents into units, pickled for the actors."""
    from zhen.text.read import read_source

    tokenizer = _once(("tokenizer", str(model.model_dir)), lambda: load_tokenizer(model))
    matcher = _once(("matcher", glossary.signature), lambda: matcher_for(glossary))
    out, errors = [], []
    for index, name, path, text in zip(batch["index"], batch["id"], batch["path"], batch["text"]):
        # A file that cannot be read travels on as its error message: raised here, Ray would hand the
        # driver a wrapped exception without it, and the user a traceback instead of one line.
        try:
            body = read_source(Path(str(path))).text if path else str(text)
        except ZhenError as exc:
            out.append(b"")
            errors.append(str(exc))
            continue
        out.append(pickle.dumps(prepare(int(index), str(name), body, matcher, tokenizer, run_key), protocol=5))
        errors.append("")
    return {"index": batch["index"], "id": batch["id"], "prepared": out, "error": errors}


class _Translate:
    """Stage 3 (actor): loads the model once; per batch of prepared documents, translates their units through
    the cache, then assembles and renders each document (stage 4) with its one-document summary.

    Assembling here rather than in a further task stage saves shipping every prepared document a second
    time and a hop through another worker: on two cores that hop cost more than assembling does."""

    def __init__(self, glossary: Glossary, model: ModelInfo, options: Options, cache_dir: str | None,
                 use_cache: bool, fail_once: str | None, fmt: str, signed: bool, records: bool) -> None:
        self.translator = Translator(glossary, load_backend(model, options), options)
        self.cache_dir, self.use_cache, self.fail_once = cache_dir, use_cache, fail_once
        self.fmt, self.signed, self.records = fmt, signed, records

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        if self.fail_once and not os.path.exists(self.fail_once):
            Path(self.fail_once).touch()
            os._exit(1)
        docs: list[Prepared | None] = [pickle.loads(b) if len(b) else None for b in batch["prepared"]]
        translator = self.translator
        # Each worker opens the cache where it runs: the same sqlite file for every actor of one
        # machine, a per-node file on a cluster (resolved on that node when no directory is given).
        # It is opened per call because Ray may call an actor from another thread than __init__'s,
        # and a sqlite connection belongs to its thread.
        translator.cache = Cache(Path(self.cache_dir) if self.cache_dir else None) if self.use_cache else None
        try:
            outcomes, cached = translator.translate_units([u for p in docs if p is not None for u in p.units])
        finally:
            if translator.cache is not None:
                translator.cache.close()
        texts, summaries = [], []
        stamp = translator.signature if self.signed else None
        for doc_id, doc in zip(batch["id"], docs):
            if doc is None:
                texts.append("")
                summaries.append("{}")
                continue
            result = assemble(doc, outcomes)
            summary = Summary(translator.signature)
            summary.add(result, lambda unit: unit.key in cached)
            texts.append(render_record(result, str(doc_id), stamp) if self.records else render(result, self.fmt, stamp))
            summaries.append(json.dumps({f.name: getattr(summary, f.name) for f in fields(Summary) if f.name != "signature"}))
        return {"index": batch["index"], "id": batch["id"], "text": texts, "summary": summaries, "error": batch["error"]}


def merge(total: Summary, part: dict[str, Any]) -> None:
    """Add one worker's counts to the run's summary: every count is a sum."""
    for name, value in part.items():
        setattr(total, name, getattr(total, name) + value)


@dataclass
class _Run:
    """One Ray run: its stages wired into a dataset, iterated on the driver."""

    glossary: Glossary
    model: ModelInfo
    options: Options
    config: RayConfig
    cache_dir: str | None
    use_cache: bool

    def rows(self, ray: Any, items: list[dict[str, Any]], translator: Translator, fmt: str, signed: bool,
             records: bool, ordered: bool) -> Iterator[dict[str, Any]]:
        # Ray warns when a small run cannot keep every actor busy; that is expected, not the user's concern.
        warnings.filterwarnings("ignore", message="The minimum number of concurrent actors")
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.execution_options.preserve_order = ordered
        n = self.config.docs_per_batch
        gpu = self.options.device == "cuda"
        blocks = max(1, -(-len(items) // n))
        # No more actors than batches: a small run would start (and load the model in) idle workers.
        workers = min(self.config.workers, blocks)
        actor_cpus, threads = self._actor_resources(ray, workers)
        options = replace(self.options, threads=threads)
        ds = ray.data.from_items(items, override_num_blocks=blocks)
        ds = ds.map_batches(_prepare_batch, batch_size=n, batch_format="numpy", num_cpus=TASK_CPUS,
                            fn_kwargs={"glossary": self.glossary, "model": self.model, "run_key": translator.run_key})
        ds = ds.map_batches(
            _Translate, batch_size=n, batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=actor_cpus, num_gpus=1 if gpu else 0,
            fn_constructor_kwargs={"glossary": self.glossary, "model": self.model, "options": options,
                                   "cache_dir": self.cache_dir, "use_cache": self.use_cache,
                                   "fail_once": self.config.fail_once, "fmt": fmt, "signed": signed,
                                   "records": records},
            # Ray Data restarts a crashed actor and retries its batch (max_restarts and max_task_retries
            # default to -1 for actor pools); outputs depend only on the input, so a retry is harmless.
        )
        yield from ds.iter_rows()

    def _actor_resources(self, ray: Any, workers: int) -> tuple[float, int]:
        """CPUs each actor reserves and CTranslate2 threads it runs: the cores shared by the workers,
        less a share for the light prepare tasks so that they are never starved (an actor holding every
        core would wait for ever for prepared documents)."""
        total = float(ray.cluster_resources().get("CPU", 1.0))
        asked = self.config.workers
        if self.options.device == "cuda":
            # An actor asking for a GPU the cluster lacks would wait for ever: say so now instead.
            gpus = float(ray.cluster_resources().get("GPU", 0.0))
            if gpus < asked:
                raise ClusterError(f"--device cuda --workers {asked}: the Ray cluster has {gpus:g} GPUs; "
                                   "each worker needs one")
            return 1.0, self.options.threads or 1
        if (total - 2 * TASK_CPUS) / asked < 0.1:
            raise ClusterError(f"--workers {asked}: the Ray cluster has {total:g} CPUs, too few for {asked} workers")
        room = (total - 2 * TASK_CPUS) / workers
        threads = self.options.threads or max(1, int(total // workers))
        return round(min(float(threads), room), 2), threads


def _items(job: Job, sources: Sources, todo: list[Any]) -> list[dict[str, Any]]:
    """Stage 1, read: files are read by the prepare tasks (by path); records and stdin by the driver."""
    if sources.directory:
        return [{"index": i, "id": d.id, "path": str(d.path), "text": ""} for i, d in enumerate(todo)]
    return [{"index": i, "id": doc_id, "path": "", "text": text} for i, (doc_id, text) in enumerate(sources.texts())]


def translate_on_ray(job: Job, glossary: Glossary, model: ModelInfo, options: Options, config: RayConfig,
                     cache_dir: Path | None = None, use_cache: bool = True,
                     progress: Callable[[Progress], None] | None = None,
                     sources: Sources | None = None) -> tuple[Summary, Written]:
    """translate_path on Ray Data: the same outputs, manifest and resume, with decoding on an actor pool.

    Starts a local Ray instance for the run unless config.address names a cluster (or Ray is already
    initialized in this process); a local instance is shut down afterwards."""
    ray = require_ray()
    sources = sources or plan(job)
    target = output_target(job, sources)
    translator = driver_translator(glossary, model, options)
    summary = Summary(translator.signature)
    if config.workers < 1:
        raise ClusterError(f"--workers {config.workers}: needs at least 1")
    # An output directory is held from before Ray starts until the last output is written (write.locked).
    with locked(target) if sources.directory and target is not None else nullcontext():
        started_here = _connect(ray, config)
        try:
            return summary, _execute(ray, job, sources, target, translator, summary, progress,
                                     _Run(glossary, model, options, config, str(cache_dir) if cache_dir else None, use_cache))
        except KeyboardInterrupt:
            from zhen.errors import Interrupted

            raise Interrupted(summary.sentences) from None
        finally:
            if started_here:
                ray.shutdown()


def _connect(ray: Any, config: RayConfig) -> bool:
    """Join the named cluster or start a local instance; True when this run started (and must stop) Ray."""
    if config.address:
        check_reachable(config.address)
    # Ray's own chatter (execution plans, a core-worker note on actor restarts) would bury the summary;
    # errors still come back as exceptions. Either stays adjustable from the environment.
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR"}
    if config.address:
        try:
            ray.init(address=config.address, **kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ClusterError(f"--ray-address {config.address}: cannot join the Ray cluster ({str(exc).splitlines()[0]})") from None
    else:
        ray.init(num_cpus=config.num_cpus or os.cpu_count() or 1, **kwargs)
    return True


def _execute(ray: Any, job: Job, sources: Sources, target: Path | None, translator: Translator, summary: Summary,
             progress: Callable[[Progress], None] | None, run: _Run) -> Written:
    records = sources.jsonl is not None
    start = time.perf_counter()
    todo = list(sources.documents)
    written = Written(target=target)
    if sources.directory and not records:
        assert target is not None
        todo = pending(target, translator.signature, job.fmt, sources.documents)
        written.skipped = len(sources.documents) - len(todo)
    state = Progress(documents_total=len(todo), started=start)
    items = _items(job, sources, todo)
    # One output file (records, a single document) needs input order; a directory of files does not,
    # so there Ray may hand back documents as they finish.
    ordered = not sources.directory
    rows = run.rows(ray, items, translator, job.fmt, job.signed, records, ordered) if items else iter(())

    def counted(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            if row["error"]:
                raise InputError(str(row["error"]))
            part = json.loads(row["summary"])
            merge(summary, part)
            state.documents += 1
            state.sentences += part["sentences"]
            if progress:
                progress(state)
            yield row

    try:
        if sources.directory:
            assert target is not None
            by_id = {d.id: d for d in todo}
            with open_manifest(target) as manifest:
                for row in counted(rows):
                    write_document(manifest, target, by_id[str(row["id"])], str(row["text"]), translator.signature, job.fmt)
                    written.files += 1
            return written
        texts = (str(row["text"]) for row in counted(rows))
        if target is None:
            return Written(text="".join(texts))
        atomic_write_lines(target, texts)
        return Written(files=1, target=target)
    finally:
        summary.seconds = time.perf_counter() - start
