"""``milestone-lint mcp``: the linter and the tree's writers as an MCP server over stdio.

Installed with the extra ``milestone-lint[mcp]``. The SDK takes about a second to import, so
this module is imported by the ``mcp`` command alone (a test lists ``sys.modules`` after the
other commands). stdout is the protocol: nothing here prints; every tool returns its result,
and every failure comes back as a tool error, never as a crash of the server.

The server works in the folder it was started in (MCP clients start it in the project), and
only there: a path outside that project is a tool error, never a walk of it.

The reading tools run in the SDK's worker threads. The writing tools do not: a transaction can
install its SIGINT/SIGTERM/SIGHUP handlers only in the main thread, so they run there, on the
event loop (which waits for them, as one writer at a time must anyway). A signal during one
undoes every step, as on the command line; the server then says so on stderr and exits with
128 + the signal's number, as the command would. Texts from the client are cut when an answer
would quote them (:func:`cut`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from milestone_lint.errors import MilestoneLintError
from milestone_lint.reports.context import DEFAULT_BUDGET

if TYPE_CHECKING:
    from mcp.server import MCPServer
    from mcp.types import CallToolResult

INSTALL_HINT = (
    "the MCP server needs the mcp extra: pip install 'milestone-lint[mcp]' (or uv tool install"
    " 'milestone-lint[mcp]'), then run milestone-lint mcp again"
)
T = TypeVar("T")
MESSAGE_LIMIT = 500  # characters of a client's text an answer may quote


def _findings_type() -> type:
    """The findings' output schema: each as the JSON format writes it. (pydantic reads a
    TypedDict only from typing_extensions before Python 3.12; that comes with the SDK.)"""
    from typing_extensions import TypedDict

    # The call form (noqa: UP013): its types are objects, not the strings this module's
    # annotations are, which pydantic could not resolve in a function.
    finding = TypedDict(  # noqa: UP013
        "finding",
        {
            "code": str,
            "name": str,
            "severity": str,
            "message": str,
            "path": str,
            "line": int,
            "column": int,
            "end_line": int,
            "end_column": int,
            "fixable": bool,
        },
    )
    findings = TypedDict("findings", {"result": list[finding]})  # noqa: UP013
    return findings


def findings_result(found: list[dict[str, Any]], clean: str) -> CallToolResult:
    """Findings as one text block a model reads (``clean`` when there are none: zero blocks
    show as nothing, or as an error, in clients) and as structured content."""
    from mcp.types import CallToolResult, TextContent

    lines = [f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}" for f in found]
    text = "\n".join(lines) if found else clean
    return CallToolResult(content=[TextContent(text=text)], structured_content={"result": found})


def cut(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text``, or its first ``limit`` characters and a note of how long it was: a client's
    10 MB title must not come back whole in an error."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… (cut: {len(text):,} characters in all)"


def _leave(exc: MilestoneLintError) -> None:
    """A signal interrupted a writing tool and its changes were undone: end the server as the
    signal asked, with the command line's one line and exit code."""
    sys.stderr.write(f"milestone-lint: error: {exc}\n")
    sys.stderr.flush()
    os._exit(exc.exit_code)


def _project_path(top: str, cwd: Path, path: str, tool: str) -> str:
    """``path`` checked to lie in the project (links followed): anything else is refused
    before a single folder is listed."""
    from milestone_lint.paths import display, is_below

    if "\0" in path:
        raise MilestoneLintError(f"{tool}: a path holds a NUL character; give a file path")
    if not is_below(os.path.realpath(os.path.join(cwd, path)), top):
        raise MilestoneLintError(
            f"{tool}: {display(cut(path))} is outside the project ({display(top)}); give a"
            " path inside it"
        )
    return path


def _markdown_file(top: str, cwd: Path, path: str) -> str:
    """``lint_text``'s PATH: a markdown file's path in the project (it need not exist yet)."""
    from milestone_lint.layout.names import is_markdown
    from milestone_lint.paths import display

    shown = display(cut(path)) if path else '""'
    if not is_markdown(path) or path.endswith(("/", os.sep)):
        raise MilestoneLintError(
            f"lint_text: {shown} is not a markdown file path; give the path the text would"
            " have, such as handoffs/4-next.md"
        )
    _project_path(top, cwd, path, "lint_text")
    if os.path.isdir(os.path.join(cwd, path)):
        raise MilestoneLintError(f"lint_text: {shown} is a folder; give a markdown file's path")
    return path


def build_server(cwd: Path) -> MCPServer:
    """The server, its tools working on the tree at ``cwd``."""
    try:
        from mcp.server import MCPServer
        from mcp.server.mcpserver.exceptions import ResourceError, ToolError
        from mcp.types import CallToolResult, ToolAnnotations
    except ImportError:
        raise MilestoneLintError(INSTALL_HINT) from None

    from milestone_lint import __version__
    from milestone_lint.git.top import find_top

    real_cwd = Path(os.path.realpath(cwd))
    top = str(find_top(real_cwd) or real_cwd)

    server = MCPServer(
        "milestone-lint",
        version=__version__,
        instructions=(
            "Lint and write a handoff tree (numbered handoffs, milestone folders with"
            " 0-milestone-summary.md and 0-lessons-learned.md). Read the `context` tool (or the"
            " handoffs://context resource) when a session starts; check a handoff with"
            " `lint_text` before writing it; create handoffs with `new_handoff` so the number"
            " is right."
        ),
    )
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=False)

    def writes(destructive: bool) -> ToolAnnotations:
        # new_handoff only adds a file; new_milestone moves handoffs and rewrites links.
        return ToolAnnotations(
            read_only_hint=False,
            destructive_hint=destructive,
            idempotent_hint=False,
            open_world_hint=False,
        )

    def guarded(call: Callable[[], T]) -> T:
        try:
            return call()
        except MilestoneLintError as exc:
            raise ToolError(cut(str(exc))) from None
        except (Exception, MemoryError) as exc:  # a bug must not take the server down
            raise ToolError(
                cut(f"internal error ({type(exc).__name__}: {exc}); please report it")
            ) from exc

    def reading(call: Callable[[], T]) -> T:
        # The model sees no stderr: a tree a writer left half changed is an error here.
        from milestone_lint.git.leftover import leftover_note

        def checked() -> T:
            note = leftover_note(find_top(real_cwd), real_cwd)
            if note is not None:
                raise MilestoneLintError(
                    note.replace("The next writing command", "The next writing tool or command")
                )
            return call()

        return guarded(checked)

    def in_main_thread(call: Callable[[], T]) -> T:
        # Called straight from an async tool: the event loop's thread, the main one.
        def interruptible() -> T:
            try:
                return call()
            except MilestoneLintError as exc:
                if exc.exit_code > 128:
                    _leave(exc)
                raise

        return guarded(interruptible)

    def run_lint(
        paths: tuple[str, ...], overlay: dict[str, bytes] | None = None
    ) -> list[dict[str, Any]]:
        from milestone_lint.check.options import CheckOptions
        from milestone_lint.check.run import lint
        from milestone_lint.formatters.json_format import items

        options = CheckOptions(
            paths=paths, output_format="json", quiet=True, color=False, no_cache=bool(overlay)
        )
        report, _, _ = lint(options, overlay=overlay, cwd=cwd)
        found = items(report)
        for item in found:  # a rule may quote the text (a heading): never megabytes of it
            item["message"] = cut(str(item["message"]))
        return found

    findings = _findings_type()

    def findings_tool(tool: Callable[..., CallToolResult]) -> None:
        # The output schema is the findings' (this module's annotations are strings, read
        # in its globals, where the SDK's types are not: it is imported without the SDK).
        tool.__annotations__["return"] = Annotated[CallToolResult, findings]
        server.tool(annotations=read_only)(tool)

    def lint(paths: list[str] | None = None) -> CallToolResult:
        """Lint the handoff tree (every root, or the roots holding PATHS; layout rules always
        judge a whole root). Each finding: code, name, message, path, line, column."""
        found = reading(
            lambda: run_lint(tuple(_project_path(top, cwd, p, "lint") for p in paths or ()))
        )
        return findings_result(found, "No problems found in the handoff tree.")

    def lint_text(path: str, content: str) -> CallToolResult:
        """The findings CONTENT would get at PATH (relative to the project), with the tree as
        it is around it: check a handoff before writing it. Nothing is written."""

        def judge() -> list[dict[str, Any]]:
            _markdown_file(top, cwd, path)
            return run_lint((path,), {path: content.encode("utf-8")})

        found = reading(judge)
        return findings_result(found, f"No problems found: {cut(path)} would be clean.")

    findings_tool(lint)
    findings_tool(lint_text)

    @server.tool(annotations=writes(destructive=False))
    async def new_handoff(title: str) -> dict[str, Any]:
        """Create the next handoff from the template (the number, the slug from TITLE,
        today's date, the sections); returns its path and number. Fill in its sections."""
        from milestone_lint.write.handoff import new_handoff as create

        def make() -> dict[str, Any]:
            path = create(cwd, None, title)
            number = int(path.rsplit("/", 1)[-1].split("-", 1)[0])
            return {"path": path, "number": number}

        return in_main_thread(make)

    @server.tool(annotations=writes(destructive=True))
    async def new_milestone(name: str, handoffs: str | None = None, dry_run: bool = False) -> str:
        """Create the next milestone NAME: move the pending handoffs (all, or HANDOFFS such as
        "5-8") into it and draft its summary and lessons; with dry_run, the plan and the drafted
        files, nothing changed. All or
        nothing. Review the drafted files afterwards."""
        from milestone_lint.write.milestone import create_milestone

        def make() -> str:
            lines, notes = create_milestone(cwd, None, name, handoffs, dry_run)
            return "\n".join([*lines, *notes])

        return in_main_thread(make)

    @server.tool(annotations=read_only)
    def status() -> list[dict[str, Any]]:
        """Each root: its milestones, pending handoffs, whether a milestone is due, and the
        estimated tokens of the milestones' 0- files."""
        from dataclasses import asdict

        from milestone_lint.layout.project import projects_for_paths
        from milestone_lint.reports.status import root_status

        return reading(lambda: [asdict(root_status(p)) for p in projects_for_paths(cwd, ())[0]])

    def pack(budget: int) -> str:
        from milestone_lint.reports.context import packs_for, render

        return render(packs_for(cwd, (), budget)[0], "markdown")

    @server.tool(annotations=read_only)
    def context(budget: int = DEFAULT_BUDGET) -> str:
        """The restore pack: every milestone's summary and lessons in order, then the pending
        handoffs, the newest marked as the one to act on; within BUDGET estimated tokens."""
        if budget < 100:
            raise ToolError("budget must be at least 100 tokens")
        return reading(lambda: pack(budget))

    @server.resource("handoffs://context", mime_type="text/markdown")
    def context_resource() -> str:
        """The restore pack (2,500 estimated tokens at most)."""
        try:
            return pack(DEFAULT_BUDGET)
        except MilestoneLintError as exc:
            raise ResourceError(str(exc)) from None

    @server.prompt(
        name="distil_milestone",
        title="Distil the next milestone",
        description=(
            "What to distil the next milestone from: instructions, the convention's rules and"
            " limits, the pending handoffs (or HANDOFFS such as 5-8) with their numbers, the"
            " previous milestone's summary and the deterministic draft. ROOT: the root's"
            " folder, when the project has several."
        ),
    )
    def distil_milestone(root: str | None = None, handoffs: str | None = None) -> str:
        from milestone_lint.reports.distil import distil_text, root_to_distil

        def text() -> str:
            paths = (_project_path(top, cwd, root, "distil_milestone"),) if root else ()
            return distil_text(root_to_distil(cwd, paths)[0], handoffs)

        try:
            return reading(text)
        except ToolError as exc:
            # A prompt has no tool error; any other exception reaches the client as
            # "Internal server error", this one with its message.
            from mcp.shared.exceptions import MCPError
            from mcp.types import INVALID_PARAMS

            raise MCPError(INVALID_PARAMS, str(exc)) from None

    return server


def serve(cwd: Path) -> int:
    """Run the server on stdio until the client goes away."""
    server = build_server(cwd)  # first: without the SDK, its one line says how to get it
    import anyio

    from milestone_lint.integrations.mcpwire import serve_stdio

    anyio.run(serve_stdio, server)
    return 0
