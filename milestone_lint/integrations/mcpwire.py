"""The MCP server's stdio wire: every request gets an answer, even one the SDK cannot read.

The SDK parses each line with pydantic's strict JSON reader. A line it refuses (a lone
surrogate such as ``"\\ud800"`` in the arguments, which RFC 8259's grammar allows but which is
no Unicode text; a line that is no JSON at all) reaches the server as an exception and is
dropped without a word: the client then waits for ever. :class:`Answering` sits between the
transport and the server and answers such a line with a JSON-RPC error, under the request's
own id when Python's more lenient reader can still find it (``null`` when nothing can),
and a call with arguments its tool does not take with an error naming them (pydantic would
drop them silently). Imported by the ``mcp`` command alone, with the SDK.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage
from mcp.types import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    PARSE_ERROR,
    ErrorData,
    JSONRPCError,
    JSONRPCRequest,
)

from milestone_lint.integrations.mcpserver import cut


def _has_lone_surrogate(value: object) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _request_id(message: object) -> int | str | None:
    if isinstance(message, dict):
        found = message.get("id")
        if isinstance(found, (int, str)) and not isinstance(found, bool):
            return None if _has_lone_surrogate(found) else found
    return None


def answer_for(exc: Exception) -> JSONRPCError | None:
    """The error that answers a line the SDK could not read; None for a notification (no id:
    JSON-RPC answers none)."""
    errors = getattr(exc, "errors", None)
    details: list[dict[str, Any]] = list(errors()) if callable(errors) else []
    if details and details[0].get("type") == "json_invalid":
        line = details[0].get("input")
        try:
            message = json.loads(line) if isinstance(line, str) else None
        except (ValueError, RecursionError):
            return _error(None, PARSE_ERROR, "the message is not JSON; send one JSON-RPC object")
        if not isinstance(message, dict) or "id" not in message:
            return None
        if _has_lone_surrogate(message):
            text = (
                "the request holds a lone surrogate (such as \\ud800), which is no Unicode"
                " text; send its strings as UTF-8 text"
            )
            return _error(_request_id(message), INVALID_PARAMS, text)
        return _error(_request_id(message), PARSE_ERROR, cut(f"the message is not JSON: {exc}"))
    # Valid JSON of the wrong shape: the request's id, when the SDK's own error shows it.
    inputs = [d.get("input") for d in details]
    ids = [_request_id(i) for i in inputs if isinstance(i, dict) and "id" in i]
    if inputs and not ids and all(isinstance(i, dict) and "method" in i for i in inputs):
        return None  # a notification of a shape the SDK does not know: no answer is due
    text = cut(f"not a JSON-RPC 2.0 message: {exc}")
    return _error(ids[0] if ids else None, INVALID_REQUEST, text)


def _error(request_id: int | str | None, code: int, message: str) -> JSONRPCError:
    return JSONRPCError(jsonrpc="2.0", id=request_id, error=ErrorData(code=code, message=message))


def unknown_arguments(message: object, tools: dict[str, set[str]]) -> JSONRPCError | None:
    """The error for a ``tools/call`` naming arguments its tool does not take."""
    if not isinstance(message, JSONRPCRequest) or message.method != "tools/call":
        return None
    request, params = message, message.params or {}
    name, arguments = params.get("name"), params.get("arguments")
    if not isinstance(name, str) or name not in tools or not isinstance(arguments, dict):
        return None
    unknown = sorted(set(arguments) - tools[name])
    if not unknown:
        return None
    takes = ", ".join(sorted(tools[name])) or "no arguments"
    text = cut(f"{name} takes no argument {', '.join(map(repr, unknown))} (it takes: {takes})")
    return _error(request.id, INVALID_PARAMS, text)


class Answering:
    """The server's read stream, answering itself what the server would drop (see above);
    everything else passes through untouched."""

    def __init__(self, inner: Any, write: Any, tools: dict[str, set[str]]) -> None:
        self._inner = inner
        self._write = write
        self._tools = tools

    @property
    def last_context(self) -> Any:
        # The SDK's context streams carry the sender's context on the side; keep it visible.
        return getattr(self._inner, "last_context", None)

    async def receive(self) -> Any:
        while True:
            item = await self._inner.receive()
            if isinstance(item, Exception):
                reply = answer_for(item)
            elif isinstance(item, SessionMessage):
                reply = unknown_arguments(item.message, self._tools)
            else:
                return item
            if reply is None and not isinstance(item, Exception):
                return item
            if reply is not None:
                await self._write.send(SessionMessage(reply))

    def __aiter__(self) -> Answering:
        return self

    async def __anext__(self) -> Any:
        try:
            return await self.receive()
        except anyio.EndOfStream:
            raise StopAsyncIteration from None

    async def __aenter__(self) -> Answering:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def close(self) -> None:
        self._inner.close()

    async def aclose(self) -> None:
        await self._inner.aclose()


async def serve_stdio(server: Any) -> None:
    """What the SDK's ``run_stdio_async`` does, with :class:`Answering` on the read side."""
    tools = {
        tool.name: set((tool.input_schema or {}).get("properties", {}))
        for tool in await server.list_tools()
    }
    lowlevel = server._lowlevel_server  # the SDK's own stdio runner drives this same object
    async with stdio_server() as (read_stream, write_stream):
        await lowlevel.run(
            Answering(read_stream, write_stream, tools),
            write_stream,
            lowlevel.create_initialization_options(),
        )
