"""``milestone-lint server`` driven as an editor drives it: a real LSP client (pytest-lsp)
over stdio, against repositories in tmp_path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
types = pytest.importorskip("lsprotocol.types")

from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from tests.conftest import commit_all, write_tree  # noqa: E402
from tests.test_server_process import SERVER, TREE  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest.fixture
def tree(repo: Path) -> Path:
    write_tree(repo, TREE)
    commit_all(repo, "initial")
    return repo


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient, tree: Path) -> AsyncIterator[LanguageClient]:
    params = types.InitializeParams(
        capabilities=client_capabilities("neovim"),
        root_uri=tree.as_uri(),
    )
    await lsp_client.initialize_session(params)
    yield lsp_client
    await lsp_client.shutdown_session()


def uri_of(repo: Path, rel: str) -> str:
    return (repo / rel).as_uri()


async def diagnostics_for(client: LanguageClient, uri: str) -> list[Any]:
    """The next diagnostics published for URI."""
    while True:
        params = await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20
        )
        if params.uri == uri:
            return list(params.diagnostics)


def summary_of(found: Any) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in found
    ]


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )


def change_doc(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def test_open_change_close_publish_the_buffers_findings(
    client: LanguageClient, tree: Path
) -> None:
    uri = uri_of(tree, "handoffs/2-auth.md")
    # An emoji (two UTF-16 units) before the filler: the column is LSP's, not Python's.
    text = "# Auth Handoff - 2025-03-05\n\n## Summary\n- 🚀 We basically did it\n"
    open_doc(client, uri, text)
    found = await diagnostics_for(client, uri)
    assert summary_of(found) == [("ML305", 3, 8, 3, 17)]
    assert found[0].severity == types.DiagnosticSeverity.Error
    assert found[0].source == "milestone-lint"
    # The disk still holds the clean file: what is judged is the buffer.
    assert "basically" not in (tree / "handoffs/2-auth.md").read_text()
    change_doc(client, uri, TREE["handoffs/2-auth.md"], 2)
    assert summary_of(await diagnostics_for(client, uri)) == []
    change_doc(client, uri, "# Auth Handoff - 2025-03-05\n\n## Summary\n", 3)
    assert [d.code for d in await diagnostics_for(client, uri)] == ["ML205"]
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await diagnostics_for(client, uri) == []


async def test_a_deletion_announced_by_watched_files_judges_the_tree(
    client: LanguageClient, tree: Path
) -> None:
    lessons = tree / "handoffs/1-core/0-lessons-learned.md"
    lessons.unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=lessons.as_uri(), type=types.FileChangeType.Deleted)]
        )
    )
    folder = uri_of(tree, "handoffs/1-core")
    found = await diagnostics_for(client, folder)
    assert [d.code for d in found] == ["ML202"]
    assert "has no 0-lessons-learned.md" in found[0].message


async def test_hover_shows_the_rules_documentation(client: LanguageClient, tree: Path) -> None:
    uri = uri_of(tree, "handoffs/2-auth.md")
    open_doc(client, uri, "# Auth Handoff - 2025-03-05\n\n## Summary\n- We basically did it\n")
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(3, 8),
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("# ML305 filler\n")
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(0, 0),
        )
    )
    assert nothing is None


async def test_completion_offers_the_missing_required_sections(
    client: LanguageClient, tree: Path
) -> None:
    uri = uri_of(tree, "handoffs/1-core/0-milestone-summary.md")
    text = "# Core Milestone Summary - 2025-03-04\n\n## Changes\n- Models\n\n#"
    open_doc(client, uri, text)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(5, 1),
        )
    )
    assert isinstance(result, types.CompletionList)
    assert [item.label for item in result.items] == [
        "## Date completed",
        "## Decisions",
        "## Discoveries",
        "## Current system state",
    ]


async def apply(client: LanguageClient, tree: Path, edit: Any) -> None:
    """Apply a workspace edit to the disk, as an editor would."""
    for change in edit.document_changes or []:
        if isinstance(change, types.RenameFile):
            old = Path(change.old_uri.removeprefix("file://"))
            new = Path(change.new_uri.removeprefix("file://"))
            assert not new.exists()
            old.rename(new)
        elif isinstance(change, types.CreateFile):
            path = Path(change.uri.removeprefix("file://"))
            assert not path.exists()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("")
        else:
            path = Path(change.text_document.uri.removeprefix("file://"))
            (only,) = change.edits
            assert only.range.start == types.Position(0, 0)
            path.write_text(only.new_text)
    for uri, edits in (edit.changes or {}).items():
        path = Path(uri.removeprefix("file://"))
        lines = path.read_text().split("\n")
        for text_edit in edits:
            row = text_edit.range.start.line
            lines[row] = (
                lines[row][: text_edit.range.start.character]
                + text_edit.new_text
                + (lines[row][text_edit.range.end.character :])
            )
        path.write_text("\n".join(lines))


async def actions(client: LanguageClient, uri: str, found: Any) -> list[Any]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found[0].range,
            context=types.CodeActionContext(diagnostics=list(found)),
        )
    )
    return list(result or [])


async def test_each_code_action_applied_leaves_the_tree_clean(
    client: LanguageClient, tree: Path, cli: Any
) -> None:
    # A misnamed handoff linked from another: the rename rewrites the link.
    (tree / "handoffs/2-auth.md").rename(tree / "handoffs/2_auth.md")
    write_tree(
        tree,
        {
            "handoffs/3-next.md": (
                "# Next Handoff - 2025-03-06\n\n## Summary\nAfter [auth](2_auth.md); we basically"
                " went on.\n"
            )
        },
    )
    (tree / "handoffs/1-core/0-lessons-learned.md").unlink()
    assert cli("check").code == 1
    uri = uri_of(tree, "handoffs/2_auth.md")
    open_doc(client, uri, (tree / "handoffs/2_auth.md").read_text())
    found = await diagnostics_for(client, uri)
    assert [d.code for d in found] == ["ML101"]
    (rename,) = await actions(client, uri, found)
    assert rename.title.startswith("Fix ML101: ")
    await apply(client, tree, rename.edit)
    assert (tree / "handoffs/2-auth.md").is_file()
    assert "[auth](2-auth.md)" in (tree / "handoffs/3-next.md").read_text()
    # The missing lessons file: created with its template text.
    folder = uri_of(tree, "handoffs/1-core")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri, type=types.FileChangeType.Deleted)]
        )
    )
    found = await diagnostics_for(client, folder)
    assert [d.code for d in found] == ["ML202"]
    (create,) = await actions(client, folder, found)
    await apply(client, tree, create.edit)
    assert (tree / "handoffs/1-core/0-lessons-learned.md").is_file()
    # The filler: disabled for its line.
    next_uri = uri_of(tree, "handoffs/3-next.md")
    open_doc(client, next_uri, (tree / "handoffs/3-next.md").read_text())
    found = await diagnostics_for(client, next_uri)
    assert [d.code for d in found] == ["ML305"]
    (disable,) = await actions(client, next_uri, found)
    assert disable.title == "Disable ML305 for this line"
    await apply(client, tree, disable.edit)
    assert (
        "went on. <!-- milestone-lint-disable-line ML305 -->"
        in (tree / "handoffs/3-next.md").read_text()
    )
    # Clean, but for the TODO lines of the created lessons file, as `check --fix` writes it:
    # the writer fills them in.
    run = cli("check", "--ignore", "ML306")
    assert (run.code, run.out) == (0, "All checks passed.\n"), run.out


async def test_an_edited_configuration_is_read_again(client: LanguageClient, tree: Path) -> None:
    uri = uri_of(tree, "handoffs/2-auth.md")
    open_doc(client, uri, "# Auth Handoff - 2025-03-05\n\n## Summary\n- We basically did it\n")
    assert [d.code for d in await diagnostics_for(client, uri)] == ["ML305"]
    config = tree / "milestone-lint.toml"
    config.write_text('warn = ["ML305"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    found = await diagnostics_for(client, uri)
    assert [(d.code, d.severity) for d in found] == [("ML305", types.DiagnosticSeverity.Warning)]


async def test_a_malformed_message_is_survived(client: LanguageClient, tree: Path) -> None:
    # A body that is no JSON, with a valid header: the server goes on answering.
    writer = client.protocol.writer
    assert writer is not None
    sent = writer.write(b"Content-Length: 9\r\n\r\n{not json")
    if sent is not None:
        await sent
    uri = uri_of(tree, "handoffs/2-auth.md")
    open_doc(client, uri, "# Auth Handoff - 2025-03-05\n\n## Summary\n- We basically did it\n")
    assert [d.code for d in await diagnostics_for(client, uri)] == ["ML305"]


async def test_the_renumbering_action_moves_the_newer_handoff(
    client: LanguageClient, tree: Path, cli: Any
) -> None:
    write_tree(tree, {"handoffs/2-login.md": "# Login Handoff - 2025-03-06\n\n## Summary\nForm.\n"})
    commit_all(tree, "a second handoff 2")
    uri = uri_of(tree, "handoffs/2-login.md")
    open_doc(client, uri, (tree / "handoffs/2-login.md").read_text())
    found = await diagnostics_for(client, uri)
    assert [d.code for d in found] == ["ML104"]
    (renumber,) = await actions(client, uri, found)
    assert renumber.title.startswith("Fix ML104: ")
    await apply(client, tree, renumber.edit)
    assert sorted(p.name for p in (tree / "handoffs").glob("*.md")) == [
        "2-auth.md",
        "3-login.md",
    ]
    run = cli("check")
    assert (run.code, run.out) == (0, "All checks passed.\n"), run.out
