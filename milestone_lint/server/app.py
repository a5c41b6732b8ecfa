"""The language server: documents in, diagnostics, code actions, hover and completion out.

Judging happens on one worker thread, a debounce after the last change, so typing never waits
for the linter, and a result for a version older than the buffer's is dropped (the newer
change has its own judgement coming). Files created, renamed or deleted on disk, and edited
configuration files, re-judge the whole tree: every path with findings gets them, every path
that had some and has none any more is cleared.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from milestone_lint import __version__
from milestone_lint.config import CANDIDATES
from milestone_lint.diagnostics import Diagnostic
from milestone_lint.server import judge
from milestone_lint.server.positions import code_point_column, lsp_position

DEBOUNCE_SECONDS = 0.15
MARKDOWN = (".md", ".markdown")
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
WATCHED = ("**/*.md", "**/*.markdown", *(f"**/{name}" for name in CANDIDATES))


class MilestoneServer(LanguageServer):
    """The server's state: the tree's top, what was published where, what is pending."""

    def __init__(self, delay: float = DEBOUNCE_SECONDS) -> None:
        super().__init__("milestone-lint", __version__)
        self.delay = delay
        self.top: Path | None = None
        self.published: dict[str, list[Diagnostic]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="milestone-lint")

    # -- paths ---------------------------------------------------------------------------
    def rel(self, uri: str) -> str | None:
        """A document's path from the top, None outside it or not a file."""
        path = to_fs_path(uri)
        if self.top is None or path is None:
            return None
        try:
            return Path(os.path.abspath(path)).relative_to(self.top).as_posix()
        except ValueError:
            return None

    def uri(self, rel: str) -> str:
        assert self.top is not None
        return from_fs_path(str(self.top / rel)) or ""

    def overlay(self) -> dict[str, bytes]:
        """Every open markdown buffer, as the editor has it."""
        found: dict[str, bytes] = {}
        for uri, document in list(self.workspace.text_documents.items()):
            rel = self.rel(uri)
            if rel is not None and rel.lower().endswith(MARKDOWN):
                found[rel] = document.source.encode("utf-8", "surrogatepass")
        return found

    def lines_of(self, uri: str) -> list[str]:
        """A document's lines: the buffer's, else the disk's (a folder has none)."""
        document = self.workspace.text_documents.get(uri)
        if document is not None:
            return list(document.lines)
        return judge.disk_text(to_fs_path(uri)).splitlines()

    # -- judging ---------------------------------------------------------------------------
    def schedule(self, key: str, job: Callable[[], Awaitable[None]]) -> None:
        """Run ``job`` a debounce after the last request for ``key``."""
        old = self.pending.pop(key, None)
        if old is not None:
            old.cancel()

        async def later() -> None:
            await asyncio.sleep(self.delay)
            if self.pending.get(key) is task:
                del self.pending[key]
            await job()

        task = asyncio.ensure_future(later())
        self.pending[key] = task

    async def run(
        self, paths: tuple[str, ...], overlay: dict[str, bytes]
    ) -> tuple[list[Diagnostic], str | None]:
        assert self.top is not None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, judge.findings, self.top, overlay, paths)

    async def judge_document(self, uri: str) -> None:
        rel = self.rel(uri)
        if rel is None or not rel.lower().endswith(MARKDOWN):
            return
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version = document.version
        found, error = await self.run((rel,), self.overlay())
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # closed, or changed again: that change is judged in its turn
        mine = [d for d in found if d.path == rel]
        self.publish(uri, mine, current.lines, version, error)

    async def judge_tree(self) -> None:
        found, error = await self.run((), self.overlay())
        by_path: dict[str, list[Diagnostic]] = {}
        for diagnostic in found:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
        uris = {self.uri(path): items for path, items in by_path.items()}
        for uri in list(self.published):
            if uri not in uris:
                uris[uri] = []
        for uri in list(self.workspace.text_documents):
            uris.setdefault(uri, [])
        for uri, items in sorted(uris.items()):
            opened = uri in self.workspace.text_documents
            self.publish(uri, items, self.lines_of(uri), None, error if opened else None)

    def publish(
        self,
        uri: str,
        found: list[Diagnostic],
        lines: list[str],
        version: int | None,
        error: str | None = None,
    ) -> None:
        plain = [line.rstrip("\r\n") for line in lines]
        diagnostics = [_to_lsp(d, plain) for d in found]
        if error is not None:
            diagnostics.insert(0, _error(error))
        if found:
            self.published[uri] = found
        else:
            self.published.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )


def _to_lsp(diagnostic: Diagnostic, lines: list[str]) -> types.Diagnostic:
    start = lsp_position(lines, diagnostic.line, diagnostic.column)
    end_line = diagnostic.end_line or diagnostic.line
    end_column = diagnostic.end_column or diagnostic.column
    end = lsp_position(lines, end_line, end_column)
    if end <= start:  # a point: mark the rest of the word, or the line's first character
        end = (start[0], start[1] + 1)
    return types.Diagnostic(
        range=types.Range(types.Position(*start), types.Position(*end)),
        message=diagnostic.message,
        severity=SEVERITY.get(diagnostic.severity, types.DiagnosticSeverity.Error),
        code=diagnostic.code,
        source="milestone-lint",
    )


def _error(message: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 1)),
        message=f"milestone-lint cannot judge this file: {message}",
        severity=types.DiagnosticSeverity.Error,
        source="milestone-lint",
    )


def build(delay: float = DEBOUNCE_SECONDS) -> MilestoneServer:
    """The server with every feature registered."""
    server = MilestoneServer(delay)

    @server.feature(types.INITIALIZE)
    def initialize(ls: MilestoneServer, params: types.InitializeParams) -> None:
        from milestone_lint.git.top import find_top

        folder: str | None = None
        if params.workspace_folders:
            folder = to_fs_path(params.workspace_folders[0].uri)
        elif params.root_uri:
            folder = to_fs_path(params.root_uri)
        elif params.root_path:
            folder = params.root_path
        start = Path(os.path.abspath(folder or os.getcwd()))
        ls.top = find_top(start) or start

    @server.feature(types.INITIALIZED)
    async def initialized(ls: MilestoneServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is not None and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            )
            registration = types.Registration(
                id="milestone-lint-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MilestoneServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.schedule(uri, lambda: ls.judge_document(uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MilestoneServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.schedule(uri, lambda: ls.judge_document(uri))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MilestoneServer, params: types.DidSaveTextDocumentParams) -> None:
        if os.path.basename(to_fs_path(params.text_document.uri) or "") in CANDIDATES:
            ls.schedule("", ls.judge_tree)  # a configuration: every file may judge anew

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MilestoneServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.published.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: MilestoneServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.schedule("", ls.judge_tree)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MilestoneServer, params: types.HoverParams) -> types.Hover | None:
        from milestone_lint.rules.registry import BY_CODE

        uri = params.text_document.uri
        for diagnostic in _at(ls, uri, ls.lines_of(uri), params.position):
            rule = BY_CODE.get(diagnostic.code)
            if rule is not None:
                contents = types.MarkupContent(types.MarkupKind.Markdown, rule.documentation())
                return types.Hover(contents=contents)
        return None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: MilestoneServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        from milestone_lint.server.actions import actions_for

        assert ls.top is not None
        codes = {str(d.code) for d in params.context.diagnostics if d.source == "milestone-lint"}
        lines = ls.lines_of(params.text_document.uri)
        return actions_for(ls.top, ls.uri, params.text_document.uri, lines, codes, params)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["#"])
    )
    def completion(ls: MilestoneServer, params: types.CompletionParams) -> types.CompletionList:
        from milestone_lint.server.actions import missing_headings

        rel = ls.rel(params.text_document.uri)
        # Only an open buffer: a folder or a file no buffer holds has no heading to complete.
        document = ls.workspace.text_documents.get(params.text_document.uri)
        items: list[types.CompletionItem] = []
        if rel is not None and ls.top is not None and document is not None:
            line = document.lines[params.position.line] if document.lines else ""
            if line.strip().strip("#").strip() == "" or line.lstrip().startswith("#"):
                for heading in missing_headings(ls.top, rel, document.source):
                    items.append(
                        types.CompletionItem(
                            label=f"## {heading}",
                            kind=types.CompletionItemKind.Snippet,
                            detail="a required section missing here",
                            text_edit=types.TextEdit(
                                range=types.Range(
                                    types.Position(params.position.line, 0),
                                    types.Position(params.position.line, len(line.rstrip("\r\n"))),
                                ),
                                new_text=f"## {heading}\n",
                            ),
                        )
                    )
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: MilestoneServer, params: Any) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def _at(
    ls: MilestoneServer, uri: str, lines: list[str], position: types.Position
) -> list[Diagnostic]:
    """The published findings whose range holds ``position``."""
    plain = [line.rstrip("\r\n") for line in lines]
    text = plain[position.line] if position.line < len(plain) else ""
    line, column = position.line + 1, code_point_column(text, position.character)
    hits: list[Diagnostic] = []
    for diagnostic in ls.published.get(uri, []):
        end_line = diagnostic.end_line or diagnostic.line
        end_column = max(diagnostic.end_column or diagnostic.column, diagnostic.column + 1)
        if (diagnostic.line, diagnostic.column) <= (line, column) <= (end_line, end_column):
            hits.append(diagnostic)
    return hits


class _OneLine(logging.Formatter):
    """pygls logs a message it cannot handle with its traceback; an editor's log gets one
    line naming the error instead (the server goes on)."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"milestone-lint server: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f": {type(error).__name__}: {error}"
        return " ".join(text.split())


def _one_line_logs() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    for name in ("pygls", "lsprotocol"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.propagate = False
        log.setLevel(logging.WARNING)


def serve(delay: float = DEBOUNCE_SECONDS) -> int:
    """Serve over stdio until the client exits: 0 after shutdown, 1 when the client left
    (exit, or the end of its stream) without asking for one, as the protocol says."""
    import sys

    _one_line_logs()
    server = build(delay)
    try:
        server.start_io()
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else 1
    else:
        code = 0 if getattr(server.protocol, "_shutdown", False) else 1
    # pygls closed stdout on exit: leave now, before anything flushes it again.
    sys.stderr.flush()
    os._exit(code)
