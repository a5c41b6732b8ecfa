"""Words that cost and say nothing: ML305, ML306, ML307."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from milestone_lint.convention.headings import heading_matches, synonyms_for
from milestone_lint.convention.placeholders import PLACEHOLDER_WORDS
from milestone_lint.convention.vocabulary import DECISIONS
from milestone_lint.diagnostics import Finding
from milestone_lint.rules.base import SUMMARY, DocumentContext, Rule
from milestone_lint.rules.examples import CLEAN_SUMMARY, HANDOFF_TITLE, in_handoff, in_summary

if TYPE_CHECKING:
    from milestone_lint.markdown.model import ListItem, Paragraph

FILLER: dict[str, str] = {
    "basically": 'drop "basically"',
    "in order to": 'write "to"',
    "it should be noted that": "state the fact itself",
    "it should be noted": "state the fact itself",
    "it is worth noting that": "state the fact itself",
    "it's worth noting that": "state the fact itself",
    "as you can see": "drop it",
    "needless to say": "drop it",
    "i think": "state it as a fact, or say what is uncertain",
    "i believe": "state it as a fact, or say what is uncertain",
    "at the end of the day": "drop it",
    "for all intents and purposes": "drop it",
    "as a matter of fact": "drop it",
    "due to the fact that": 'write "because"',
    "at this point in time": 'write "now"',
    "went ahead and": "drop it",
}
_FILLER = re.compile(
    r"(?<![\w'])("
    + "|".join(re.escape(p) for p in sorted(FILLER, key=len, reverse=True))
    + r")(?![\w'])",
    re.IGNORECASE,
)


def _text_blocks(ctx: DocumentContext) -> list[Paragraph | ListItem]:
    return sorted([*ctx.doc.paragraphs, *ctx.doc.items], key=lambda b: (b.line, b.column))


# Quoted text: a "…" or “…” span inside a sentence (single quotes are apostrophes).
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


@functools.cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Compiled once per phrase: a file may hold a hundred thousand of one filler.
    return re.compile(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", re.IGNORECASE)


def _phrase_at(ctx: DocumentContext, phrase: str, line: int, column: int) -> tuple[int, int]:
    """Where ``phrase`` stands as words, at or after (line, column); its first word's place
    when the phrase is broken over lines."""
    pattern = _phrase_pattern(phrase)
    lines = ctx.doc.lines
    for number in range(line, min(len(lines), line + 199) + 1):
        match = pattern.search(lines[number - 1], column - 1 if number == line else 0)
        if match:
            return number, match.start() + 1
    return ctx.doc.locate(phrase.split()[0], line, column, ignore_case=True)


def _joined_prose(ctx: DocumentContext) -> str:
    """Every block's prose in one string: one regex pass rules most files out at once, where
    a pass per block pays Python's call cost thousands of times (most files have nothing)."""
    return "\n".join([*(p.prose for p in ctx.doc.paragraphs), *(i.prose for i in ctx.doc.items)])


# A line that is only an opening tag, and the line that closes it: XML-like wrappers around
# text pasted verbatim (<user_starting_prompt> … </user_starting_prompt>). HTML's own
# containers hold the author's words and are searched.
_OPEN_TAG = re.compile(r"\s{0,3}<(?P<tag>[A-Za-z][\w.:-]*)(?:\s[^<>]*)?>\s*")
_HTML_CONTAINERS = frozenset(
    [
        "details",
        "summary",
        "div",
        "p",
        "span",
        "section",
        "article",
        "aside",
        "main",
        "header",
        "footer",
        "nav",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "center",
        "font",
        "small",
        "b",
        "i",
        "u",
        "em",
        "strong",
        "sup",
        "sub",
        "figure",
        "figcaption",
    ]
)


def _verbatim_lines(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line numbers of the tag blocks in ``lines``, the tag lines included.

    One pass gathers the tag lines; each opener then finds its closer by bisection (a scan
    from every unclosed opener to the end of the file would be quadratic)."""
    openers: list[tuple[int, str]] = []
    closers: dict[str, list[int]] = {}
    for number, line in enumerate(lines, 1):
        if "<" not in line:
            continue
        stripped = line.strip()
        if stripped.startswith("</") and stripped.endswith(">"):
            closers.setdefault(stripped[2:-1], []).append(number)
            continue
        opened = _OPEN_TAG.fullmatch(line)
        if opened is not None and opened["tag"].lower() not in _HTML_CONTAINERS:
            openers.append((number, opened["tag"]))
    ranges: list[tuple[int, int]] = []
    for number, tag in openers:
        if ranges and number <= ranges[-1][1]:
            continue  # inside the block already found
        ends = closers.get(tag, [])
        at = bisect.bisect_right(ends, number)
        if at < len(ends):
            ranges.append((number, ends[at]))
    return ranges


def _check_filler(ctx: DocumentContext) -> Iterator[Finding]:
    # Substring tests on the lowered text rule out most files at C speed (the pattern, with
    # its case-blind alternation and lookarounds, scans at ~40 MB/s); the pattern then runs
    # only per block of a file that may hold a phrase.
    lowered = _joined_prose(ctx).lower()
    if not any(phrase in lowered for phrase in FILLER):
        return
    verbatim = _verbatim_lines(ctx.doc.lines) if "</" in "".join(ctx.doc.lines) else []
    for block in _text_blocks(ctx):
        if block.in_quote:
            continue  # words cannot be dropped from a quotation
        if any(first <= block.line <= last for first, last in verbatim):
            continue  # nor from a prompt pasted verbatim between tags
        quoted: list[tuple[int, int]] | None = None  # found only where a filler is
        cursor = (block.line, block.column)
        for match in _FILLER.finditer(block.prose):
            if quoted is None:
                quoted = [m.span() for m in _QUOTED.finditer(block.prose)]
            if any(start < match.start() < end for start, end in quoted):
                continue
            phrase = match.group(1)
            line, column = _phrase_at(ctx, phrase, *cursor)
            yield ctx.finding(
                f'filler "{phrase}": {FILLER[phrase.lower()]}',
                line,
                column,
                line,
                column + len(phrase),
            )
            cursor = (line, column + 1)


ML305 = Rule(
    code="ML305",
    name="filler",
    summary='Filler or narrative phrases ("basically", "in order to", "I think"…).',
    what=(
        "Reports phrases that add words without adding facts: "
        + ", ".join(f'"{p}"' for p in FILLER)
        + '. Code, links, inline code, block quotes and quoted text ("…") are not searched:'
        " words cannot be dropped from a quotation. Nor is text between a line that is only"
        " an XML-like tag (`<user_starting_prompt>`) and the line that closes it: a prompt"
        " or a reply pasted verbatim."
    ),
    why=(
        "Concise and factual is the convention's first principle: every token is read again"
        " by the next session, and hedges make facts sound uncertain."
    ),
    bad=in_handoff(
        HANDOFF_TITLE + "## Summary\n"
        "- In order to fix the flaky tests, I think we basically need to pin the loop.\n"
    ),
    good=in_handoff(
        HANDOFF_TITLE + "## Summary\n- Pin the event loop policy: fixes the flaky tests.\n"
    ),
    check_document=_check_filler,
)

# One pair of brackets, not a link, a footnote, a checkbox, nor a [[wiki link]].
_BRACKET = re.compile(r"(?<!\[)\[(?![ xX]?\])(?!\^)(?P<body>[^\[\]\n]{1,60})\](?![(\]])")
_BOLD_LABEL = re.compile(r"(\*\*|__)[^*_\n]{1,40}?:?\1:?")
_NUMBERED = re.compile(r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3} \d{1,2}")
# Alternatives, each capitalised: [Project/Feature], [Recipient Name/Team], [Tool/Library 1].
_ALTERNATIVES = re.compile(
    r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}(?:/[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3})+(?: \d{1,2})?"
)
# After a label, alternatives may be spaced: "- Visual parity: [Confirmed / With caveats]".
_SPACED_ALTERNATIVES = re.compile(
    r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}(?: ?/ ?[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3})+"
)
# A plain label opening a block ("Problem:", "Visual parity:"); prose has lost the bold of
# "**Problem:**", so the bold label is found here too.
_LABEL = re.compile(r"\s*(?P<label>[^\W\d_][^:\[\]\n]{0,40}?):\s*(?=\[)")
_WORD = re.compile(r"(?<![\w-])(TODO|TBD|FIXME)(?![\w-])")
# An angle slot is found in two steps: the bracketed span, then its words. One pattern with
# the words between two unbounded runs backtracked over every word of an unclosed "<" (a
# 100 KB line of "<your your …" took 7 s).
_ANGLE_SPAN = re.compile(r"<([^<>\n]*)>")
_SLOT_WORDS = re.compile(r"\b(?:insert|describe|your)\b", re.IGNORECASE)


def _angle_slots(text: str) -> Iterator[str]:
    """``<fill in>``, ``<insert name>``, ``<describe it>``, ``<your team>``."""
    if "<" not in text:
        return
    for match in _ANGLE_SPAN.finditer(text):
        body = match.group(1)
        if body.lower() == "fill in" or _SLOT_WORDS.search(body):
            yield match.group(0)


@functools.lru_cache(maxsize=4096)  # templates repeat their slots ("[TODO]", "[DATE]")
def _is_template_bracket(body: str, alone: bool, label: str | None = None) -> bool:
    """Whether ``[body]`` is a template slot rather than text someone wrote in brackets.

    A slot is made of the templates' own words (``[DATE]``, ``[Issue description]``,
    ``[Progress %]``), is numbered (``[Task 1]``, ``[Major change 3]``), offers alternatives
    (``[Project/Feature]``), or is, capitalised, all there is in its block besides labels and
    punctuation (``- [Decision 1]: [Rationale]``, ``- **Problem:** [What broke]``). After a
    ``label`` and nothing else, a bracket offering spaced alternatives (``- Visual parity:
    [Confirmed / With caveats]``) is one, and so is a capitalised phrase after a label of the
    templates' own words (``Problem: [What broke]``: prose has lost the label's bold); an
    all-capitals value is a status someone set (``Status: [ACTIVE]``). A tag inside a sentence
    (``[F×A]``, ``[A / not locked]``, ``[ACTIVE]``) is text, and a filled-in template keeps
    its brackets around real text (``- [Auth]: 50% - login``).
    """
    text = body.strip()
    words = re.findall(r"[^\W\d_]+", text.lower())
    if words and text[:1].isupper() and all(word in PLACEHOLDER_WORDS for word in words):
        return True
    if _NUMBERED.fullmatch(text) or _ALTERNATIVES.fullmatch(text):
        return True
    if label is not None and words and text[:1].isupper():
        if _SPACED_ALTERNATIVES.fullmatch(text):
            return True
        vocabulary = re.findall(r"[^\W\d_]+", label.lower())
        plain = not text.isupper() and "/" not in text
        if plain and vocabulary and all(w in PLACEHOLDER_WORDS for w in vocabulary):
            return True
    return alone and bool(words) and text[:1].isupper()


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Quoted strings that hold words besides brackets (``"🏆 [Name] won with 12!"``): UI
    copy quoted as it is shown, its brackets part of the quotation."""
    spans = []
    for match in _QUOTED.finditer(text):
        if re.search(r"[^\W_]", _BRACKET.sub("", match.group(0))):
            spans.append(match.span())
    return spans


def placeholders(text: str, definition: bool = False) -> Iterator[str]:
    """Template text left in ``text`` (prose: links and code already removed).

    With ``definition``, ``text`` is a reference definition's line: markdown reads the
    template line ``- [Feature]: [Progress]%`` as one, so its text vanishes from the page.
    Only slots standing alone count there; ``[API]: https://…`` is a real definition.
    """
    brackets = list(_BRACKET.finditer(text)) if "[" in text else []
    alone = False
    label: str | None = None
    quoted: list[tuple[int, int]] = []
    if brackets:
        rest = _BOLD_LABEL.sub("", _BRACKET.sub("", text))
        alone = not re.search(r"[A-Za-z0-9]", rest)
        labelled = _LABEL.match(text)
        if labelled and not re.search(r"[A-Za-z0-9]", _BRACKET.sub("", text[labelled.end() :])):
            label = labelled["label"]
        if '"' in text or "“" in text:
            quoted = _quoted_spans(text)
    slots: list[tuple[int, int]] = []
    for match in brackets:
        if definition and not alone:
            continue
        if any(start < match.start() < end for start, end in quoted):
            continue
        if _is_template_bracket(match["body"], alone, label):
            slots.append(match.span())
            yield match.group(0)
    if definition:
        return
    # A TODO inside a slot already reported ("[TODO]") is that slot, not a second finding.
    spans = iter(slots)
    slot = next(spans, None)
    for match in _WORD.finditer(text):
        while slot is not None and slot[1] <= match.start():
            slot = next(spans, None)
        if slot is None or match.start() < slot[0]:
            yield match.group(0)
    yield from _angle_slots(text)


def _check_placeholder(ctx: DocumentContext) -> Iterator[Finding]:
    places = [(h.text, h.line, h.column, False) for h in ctx.doc.headings]
    places += [(b.prose, b.line, b.column, False) for b in _text_blocks(ctx)]
    for link in ctx.doc.links:
        if link.definition and 0 < link.line <= len(ctx.doc.lines):
            text = ctx.doc.lines[link.line - 1][link.column - 1 :]
            places.append((text, link.line, link.column, True))
    for raw, line, column in ctx.doc.html_blocks:
        # "- <fill in>" is an HTML block to markdown; only the angle slots are looked for.
        places.extend((slot, line, column, False) for slot in _angle_slots(raw))
    # One pass over all the places' text rules most files out (no bracket, no slot, no TODO)
    # before the per-place search, which costs a Python call per block.
    joined = "\n".join(place[0] for place in places)
    if (
        "[" not in joined
        and not any(word in joined for word in ("TODO", "TBD", "FIXME"))
        and next(_angle_slots(joined), None) is None
    ):
        return
    for text, line, column, definition in sorted(places, key=lambda p: (p[1], p[2])):
        cursor = (line, column)
        for found in placeholders(text, definition):
            cursor = ctx.doc.locate(found, *cursor)
            yield ctx.finding(
                f'template placeholder "{found}" left in place; replace it with the real text',
                cursor[0],
                cursor[1],
                cursor[0],
                cursor[1] + len(found),
            )
            cursor = (cursor[0], cursor[1] + 1)


# The example summary's one decision, replaced to make the bad examples.
_DECISION = re.compile(r"^- Tokens in the OS keyring: no secrets on disk$", re.MULTILINE)

ML306 = Rule(
    code="ML306",
    name="template-placeholder",
    summary="Template text left in place: [DATE], [Decision 1]: [Rationale], TODO, TBD, <fill in>.",
    what=(
        "Reports what templates put in place: a capitalised bracket made of the templates' own"
        " words (`[DATE]`, `[TOPIC]`, `[Issue description]`, `[Progress %]`), a numbered slot"
        " (`[Task 1]`, `[Major change 3]`), alternatives (`[Project/Feature]`), a capitalised"
        " bracket that is all its bullet holds besides a label (`- [Decision 1]: [Rationale]`,"
        " `- **Problem:** [What broke]`); the words `TODO`, `TBD` and `FIXME`; `<fill in>`-style"
        " slots. Never a tag inside a sentence (`[F×A]`, `[A / not locked]`, `[ACTIVE]`), a"
        " wiki link (`[[Team page]]`), a filled-in template that kept its brackets"
        " (`- [Auth flow]: 50%`), links, footnotes (`[^1]`), task-list boxes or code."
    ),
    why=(
        "A placeholder in a committed summary means a section was never written, but it looks"
        " filled in at a glance; the next session trusts it."
    ),
    bad=in_summary(_DECISION.sub("- [Decision 1]: [Rationale]", CLEAN_SUMMARY)),
    good=in_summary(CLEAN_SUMMARY),
    check_document=_check_placeholder,
)

_RATIONALE = re.compile(
    r":|—|–| - |\(|\b(?:because|since|so that|so|due to|to avoid|to keep|instead of|rather than"
    r"|why|given|as it|as they|which|otherwise)\b",
    re.IGNORECASE,
)


def _check_decision_rationale(ctx: DocumentContext) -> Iterator[Finding]:
    names = synonyms_for(DECISIONS, ctx.config.summary_synonyms)
    for section in ctx.doc.sections:
        if not heading_matches(section.title, names):
            continue
        for item in section.items:
            if item.depth == 0 and not _RATIONALE.search(item.raw):
                yield ctx.finding(
                    'decision gives no reason; add why (": …", "because …", "so that …")',
                    item.line,
                    item.column,
                )


ML307 = Rule(
    code="ML307",
    name="decision-rationale",
    summary="A Decisions bullet gives no reason (no :, —, because, since, so that…).",
    what=(
        "In a summary's Decisions section, reports top-level bullets that state a choice"
        " without a reason: no colon, dash, parenthesis, or words such as because, since,"
        " so that, to avoid, instead of. Off by default."
    ),
    why=(
        "A decision without its reason gets reverted by the first person who does not know"
        " it; the reason is the part worth keeping."
    ),
    bad=in_summary(_DECISION.sub("- Tokens in the OS keyring", CLEAN_SUMMARY)),
    good=in_summary(CLEAN_SUMMARY),
    default_enabled=False,
    check_document=_check_decision_rationale,
    kinds=frozenset({SUMMARY}),
)

RULES = (ML305, ML306, ML307)
