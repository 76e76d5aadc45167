"""The console script: answers from the result cache before Typer, pydantic, YAML or Rich are imported.

Of a repeated ``vardmedel allocate 2022`` nearly all the time is start-up (importing and
building the command line), not the work (benchmarks/RESULTS.md). So this module, which
imports only the standard library, handles ``--version`` itself, and for a read-only
command computes the key of everything the output depends on (cachekey.py); if the cache
holds that key it writes the stored bytes and exits. Otherwise it runs the real command
line, recording what it writes to stdout, and stores the bytes when the run may be
replayed: exit 0, nothing on stderr, stdin never read, the output complete.

Never cached: commands outside ``CACHEABLE`` (those that write files, like ``-o FILE``,
and commands added later until they are listed here), errors, warnings on stderr,
interactive runs. ``--no-cache`` anywhere on the line, or ``VARDMEDEL_NO_CACHE=1``, goes
straight to the command line (and turns off ``check``'s per-file cache too).
"""

from __future__ import annotations

import io
import os
import sys

#: Commands whose only effect is what they print, so a stored copy can stand in for a run.
CACHEABLE = frozenset({"allocate", "check", "compare", "explain", "list", "population", "regions", "schema", "show"})
NO_CACHE = "--no-cache"


def main() -> None:
    """Run ``vardmedel`` with ``sys.argv``; never returns (exits with the command's code)."""
    argv, bypass = without_no_cache(sys.argv[1:])
    sys.argv[1:] = argv
    if argv[:1] == ["--version"]:  # what Typer's eager --version prints, without importing Typer
        from ._version import __version__

        sys.stdout.write(f"vardmedel {__version__}\n")
        _exit(0)
    if bypass:
        os.environ["VARDMEDEL_NO_CACHE"] = "1"  # the command's own caches (check, per file) too
    # No pydantic plugins in the command line: what it reads must not depend on what else is installed,
    # and looking for them reads the metadata of every installed package (3 ms of a cold run).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    spare_plugin_lookup()
    if not read_only(argv) or sys.stdout is None or sys.stderr is None:
        _run_cli()  # writes files, asks for help, or has no stdout to record: the ordinary way
        return
    from . import cachestore

    key = store = None
    if not cachestore.disabled():
        from .cachekey import Uncachable, output_key

        try:
            key = output_key(argv)
        except Uncachable:
            key = None
        except Exception:  # the cache must never stand between a user and the command
            if os.environ.get("VARDMEDEL_DEBUG"):
                raise
            key = None
        store = cachestore.Store.default()
        if key is not None:
            cached = store.read(cachestore.OUTPUTS, key)
            if cached is not None:
                _exit(_replay(cached))
    run = Recording() if key is not None else None
    code = _run_recorded(run)
    if run is not None and store is not None and key is not None and code == 0:
        output = run.replayable()
        if output is not None and store.write(cachestore.OUTPUTS, key, output):
            store.evict()
    _exit(code)


#: pydantic's plugin loader (a private module of pydantic's): see ``spare_plugin_lookup``.
PLUGIN_LOADER = "pydantic.plugin._loader"
#: The values of PYDANTIC_DISABLE_PLUGINS that turn every plugin off, as pydantic's loader lists them.
PLUGINS_OFF = ("__all__", "1", "true")


def spare_plugin_lookup() -> None:
    """Stand in for pydantic's plugin loader while plugins are off, so that importlib.metadata is not imported.

    pydantic asks the loader's ``get_plugins()`` whenever it builds a validator (Typer builds
    one per parameter). With plugins off the answer is none, without looking; but importing the
    loader imports importlib.metadata, and with it email, zipfile and csv: about 10 ms of a cold
    run. The stand-in gives the same answer while plugins are off; when they are on, or when
    asked for anything else, it hands over to the real module, which then takes its place.
    """
    if PLUGIN_LOADER in sys.modules or os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF:
        return
    import importlib
    import types

    stand_in = types.ModuleType(PLUGIN_LOADER, "pydantic's plugin loader while plugins are off (vardmedel.entry)")

    def real() -> types.ModuleType:
        if sys.modules.get(PLUGIN_LOADER) is stand_in:
            del sys.modules[PLUGIN_LOADER]
        return importlib.import_module(PLUGIN_LOADER)

    def get_plugins():
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in PLUGINS_OFF:
            return ()
        return real().get_plugins()

    def other(name: str) -> object:
        if name.startswith("__"):  # what the import system asks of every module (``__path__``): not the loader's
            raise AttributeError(name)
        return getattr(real(), name)

    vars(stand_in).update(get_plugins=get_plugins, __getattr__=other)
    sys.modules[PLUGIN_LOADER] = stand_in


def without_no_cache(argv: list[str]) -> tuple[list[str], bool]:
    """The line without ``--no-cache`` (accepted anywhere before ``--``), and whether it was there."""
    end = argv.index("--") if "--" in argv else len(argv)
    kept = [word for word in argv[:end] if word != NO_CACHE] + argv[end:]
    return kept, len(kept) != len(argv)


def read_only(argv: list[str]) -> bool:
    """Whether ``vardmedel ARGV`` only prints: a listed command, and nothing that names an output file.

    Deliberately coarse: any short-option word with an ``o`` in it (``-o``, ``-oFILE``)
    counts as ``-o``; a run wrongly judged to write is merely not cached.
    """
    if not argv or argv[0] not in CACHEABLE:
        return False
    for word in argv[1:]:
        if word == "--output" or word.startswith("--output="):
            return False
        if word.startswith("-") and not word.startswith("--") and "o" in word:
            return False
    return True


def _run_cli() -> None:
    import gc

    # Importing the command line makes tens of thousands of objects that live to the end and no garbage: the
    # collector, walking them as they come, would only cost start-up (about 2 %, benchmarks/). cli.main turns it on.
    gc.disable()
    from .cli import main as cli_main

    cli_main()


def _exit_code(value: object) -> int:
    """The process exit code ``raise SystemExit(value)`` gives (a message is printed, as Python does)."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    print(value, file=sys.stderr)
    return 1


def _run_recorded(run: Recording | None) -> int:
    """The command line, recorded by *run* if given; its exit code."""
    if run is not None:
        run.start()
    try:
        try:
            _run_cli()
        except SystemExit as exit:
            return _exit_code(exit.code)
        return 0
    finally:
        if run is not None:
            run.stop()


def _replay(output: bytes) -> int:
    """Write a stored output as the command would have: a reader that stops early is no error, a full disk is."""
    try:
        sys.stdout.flush()
        stream = sys.stdout.buffer
        write_all(stream, output)
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as err:  # the command's own words for it (commands/app.py), and its exit code
        _silence_stdout()
        sys.stderr.write(f"vardmedel: error: cannot write to standard output: {err.strerror or err}\n")
        return 1
    return 0


def write_all(stream, data) -> None:
    """Write all of *data*: unbuffered (``python -u``, PYTHONUNBUFFERED) stdout is raw and may take only part."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if written is None:  # a non-blocking stream that would block: what an ordinary flush reports too
            raise BlockingIOError(11, "standard output would block")
        view = view[written:]


def _silence_stdout() -> None:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _exit(code: int) -> None:
    """Exit with *code* once output is flushed, skipping the interpreter's shutdown where that is safe.

    Tearing down every module costs about a sixth of a short run (issue 13's profile). It
    is skipped only when nothing is left to do: stdout and stderr flushed, the ``atexit``
    handlers run (they close pools and remove temporary folders), no other thread alive,
    and no profiler or debugger attached. Otherwise the ordinary exit.
    """
    _flush()
    run_exit_handlers = getattr(__import__("atexit"), "_run_exitfuncs", None)
    threading = sys.modules.get("threading")
    others = threading is not None and any(
        thread.is_alive() and not thread.daemon and thread is not threading.main_thread()
        for thread in threading.enumerate()
    )
    watched = sys.getprofile() is not None or sys.gettrace() is not None  # a profiler or debugger wants the end
    if run_exit_handlers is None or others or watched:
        sys.exit(code)
    run_exit_handlers()
    _flush()
    os._exit(code)


def _flush() -> None:
    """Flush stdout and stderr; a reader that has gone away (``| head``) is no error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _silence_stdout()
        except (OSError, ValueError, AttributeError):
            pass


class _Tee(io.RawIOBase):
    """A binary stream that passes every write on to *target* and, if *keep*, keeps a copy.

    Terminal questions (``isatty``, ``fileno``) go to the target, so the command sees the
    same terminal it would have seen, and lays out its tables for it.
    """

    def __init__(self, target, keep: bool) -> None:
        super().__init__()
        self.target = target
        self.kept: bytearray | None = bytearray() if keep else None
        self.written = 0
        self.broken = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        size = len(data)
        try:
            write_all(self.target, data)
        except BrokenPipeError:
            self.broken = True
            raise
        if self.kept is not None:
            self.kept += data
        self.written += size
        return size

    def flush(self) -> None:
        try:
            self.target.flush()
        except BrokenPipeError:
            self.broken = True
            raise

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    def close(self) -> None:  # the real stream stays open: it belongs to the interpreter
        pass


class _WatchedStdin:
    """stdin, noting whether anything read from it: an answer typed or piped in is not ours to replay."""

    _READING = frozenset({"read", "readline", "readlines", "buffer", "readinto", "detach", "fileno"})

    def __init__(self, stream) -> None:
        self._stream = stream
        self.used = False

    def __getattr__(self, name: str):
        if name in self._READING:
            self.used = True
        return getattr(self._stream, name)

    def __iter__(self):
        self.used = True
        return iter(self._stream)


class Recording:
    """stdout copied as it is written, stderr and stdin watched, for the length of one run."""

    def __init__(self) -> None:
        self._saved = (sys.stdout, sys.stderr, sys.stdin)
        self.stdout = _Tee(sys.stdout.buffer, keep=True)
        self.stderr = _Tee(sys.stderr.buffer, keep=False)
        self.stdin = _WatchedStdin(sys.stdin) if sys.stdin is not None else None

    def start(self) -> None:
        stdout, stderr, _ = self._saved
        stdout.flush()
        stderr.flush()
        sys.stdout = _text(self.stdout, stdout)
        sys.stderr = _text(self.stderr, stderr)
        if self.stdin is not None:
            sys.stdin = self.stdin  # reads pass through, and are noted

    def stop(self) -> None:
        _flush()
        sys.stdout, sys.stderr, sys.stdin = self._saved

    def replayable(self) -> bytes | None:
        """What stdout received, if replaying it is the same as running again; else None."""
        if self.stderr.written or self.stdout.broken or (self.stdin is not None and self.stdin.used):
            return None
        return bytes(self.stdout.kept or b"")


def _text(raw: _Tee, like) -> io.TextIOWrapper:
    """A text stream over *raw* that encodes, buffers and ends lines as *like* does."""
    return io.TextIOWrapper(
        raw,  # type: ignore[arg-type]  # a raw stream with write/flush/isatty/fileno is all it uses
        encoding=like.encoding,
        errors=like.errors,
        newline="\n" if os.name != "nt" else None,
        line_buffering=like.line_buffering,
        write_through=True,
    )
