"""Exact positions from the markdown layer, on the constructs where they are easy to get wrong."""

from __future__ import annotations

from milestone_lint.markdown import parse_markdown


def heads(text: str) -> list[tuple[int, int, int, str]]:
    return [(h.line, h.column, h.level, h.text) for h in parse_markdown(text).headings]


def items(text: str) -> list[tuple[int, int, int, str]]:
    return [(i.line, i.column, i.depth, i.raw) for i in parse_markdown(text).items]


def paras(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.raw.strip()) for p in parse_markdown(text).paragraphs]


def test_atx_and_setext_headings() -> None:
    text = "# One\n\nTwo\n===\n\n  ### Three ###\n\nFour\nlines\n---\n"
    assert heads(text) == [
        (1, 1, 1, "One"),
        (3, 1, 1, "Two"),
        (6, 3, 3, "Three"),
        (8, 1, 2, "Four lines"),
    ]


def test_nested_lists_and_loose_items() -> None:
    text = (
        "- top one\n"
        "  - nested a\n"
        "    1. deep\n"
        "  - nested b\n"
        "\n"
        "    second paragraph of b\n"
        "- top two\n"
    )
    assert items(text) == [
        (1, 1, 0, "top one"),
        (2, 3, 1, "nested a"),
        (3, 5, 2, "deep"),
        (4, 3, 1, "nested b\nsecond paragraph of b"),
        (7, 1, 0, "top two"),
    ]


def test_item_whose_text_starts_on_the_next_line() -> None:
    assert items("-\n  text below\n- two\n") == [(1, 1, 0, "text below"), (3, 1, 0, "two")]


def test_block_quotes_with_lists_and_lazy_lines() -> None:
    text = "> quoted para\nlazy continuation\n\n> - q item\n>   - q nested\n>\n> > inner para\n"
    assert paras(text) == [
        (1, 3, "quoted para\nlazy continuation"),
        (7, 5, "inner para"),
    ]
    assert items(text) == [(4, 3, 0, "q item"), (5, 5, 1, "q nested")]


def test_tabs() -> None:
    text = "-\titem with tab\n\t-\tnested after tab\n\n\tsecond paragraph of the item\n"
    assert items(text) == [
        (1, 1, 0, "item with tab\nsecond paragraph of the item"),
        (2, 2, 1, "nested after tab"),
    ]
    doc = parse_markdown("para\n\n\tindented code\n\n>\tquoted\n")
    assert [(p.line, p.column, p.raw.strip()) for p in doc.paragraphs] == [
        (1, 1, "para"),
        (5, 3, "quoted"),
    ]
    assert [(c.line, c.end_line) for c in doc.code_blocks] == [(3, 3)]


def test_crlf_bom_and_front_matter() -> None:
    text = (
        "\ufeff---\r\ndate: 2025-03-04\r\ntitle: 'x'\r\n---\r\n"
        "# Title\r\n\r\nbody text\r\n- item\r\n"
    )
    doc = parse_markdown(text)
    assert doc.front_matter == {"date": "2025-03-04", "title": "x"}
    assert [(h.line, h.column, h.text) for h in doc.headings] == [(5, 1, "Title")]
    assert [(p.line, p.column) for p in doc.paragraphs] == [(7, 1)]
    assert [(i.line, i.column) for i in doc.items] == [(8, 1)]


def test_bom_does_not_shift_columns() -> None:
    doc = parse_markdown("\ufeff# Title\n")
    assert [(h.line, h.column) for h in doc.headings] == [(1, 1)]


def test_toml_front_matter() -> None:
    doc = parse_markdown('+++\ndate = "2025-03-04"\n+++\n\n# T\n')
    assert doc.front_matter == {"date": "2025-03-04"}
    assert [h.line for h in doc.headings] == [5]


def test_front_matter_without_end_is_text() -> None:
    doc = parse_markdown("---\ntitle: x\n# Heading\n")
    assert doc.front_matter == {}
    assert [h.line for h in doc.headings] == [3]


def test_fences_hide_everything_inside() -> None:
    text = "```\n# not heading\n- not item\n```\n\n~~~~\nunterminated\n- still code\n"
    doc = parse_markdown(text)
    assert doc.headings == []
    assert doc.items == []
    assert [(c.line, c.end_line) for c in doc.code_blocks] == [(1, 4), (6, 9)]


def test_links_images_and_definitions() -> None:
    text = (
        "See [setup](1-setup.md) and ![d](flow.png).\n"
        "\n"
        "- item [x](a/b.md#part)\n"
        "\n"
        "[ref]: ./notes.md\n"
    )
    doc = parse_markdown(text)
    assert [
        (link.target, link.line, link.column, link.image, link.definition) for link in doc.links
    ] == [
        ("1-setup.md", 1, 5, False, False),
        ("flow.png", 1, 29, True, False),
        ("a/b.md#part", 3, 8, False, False),
        ("./notes.md", 5, 1, False, True),
    ]


def test_comments_block_and_inline() -> None:
    text = "<!-- milestone-lint-disable ML301 -->\n\ntext <!-- inline -->\nmore\n\n- x <!-- c -->\n"
    doc = parse_markdown(text)
    assert [(c.text, c.line, c.column) for c in doc.comments] == [
        ("<!-- milestone-lint-disable ML301 -->", 1, 1),
        ("<!-- inline -->", 3, 6),
        ("<!-- c -->", 6, 5),
    ]
    multi = parse_markdown("text\n\n<!--\nmilestone-lint-disable-file\n-->\n")
    assert [(c.line, c.column, c.end_line) for c in multi.comments] == [(3, 1, 5)]


def test_words_exclude_code_and_count_link_text() -> None:
    doc = parse_markdown(
        "# Two words\n\nOne `not counted at all` two [three four](x.md)\n\n```\nno\n```\n"
    )
    assert [p.words for p in doc.paragraphs] == [4]
    assert doc.words == 6


def test_checkbox_is_not_words() -> None:
    doc = parse_markdown("- [ ] write the tests\n- [x] done\n")
    assert [(i.checkbox, i.words) for i in doc.items] == [(True, 3), (True, 1)]


def test_sections() -> None:
    text = "# T\n\nintro\n\n## A\n\n### A1\n\n- x\n\n## B\n\n## C\n\ntext\n"
    doc = parse_markdown(text)
    summary = [
        (s.title, s.level, s.heading.line, s.end_line, len(s.blocks), s.has_content())
        for s in doc.sections
    ]
    assert summary == [
        ("T", 1, 1, 16, 1, True),
        ("A", 2, 5, 11, 0, True),
        ("A1", 3, 7, 11, 1, True),
        ("B", 2, 11, 13, 0, False),
        ("C", 2, 13, 16, 1, True),
    ]


def test_degenerate_inputs_parse() -> None:
    assert parse_markdown("").headings == []
    assert parse_markdown("\n\n\n").paragraphs == []
    deep = "".join("  " * n + "- level\n" for n in range(60))
    doc = parse_markdown(deep)
    assert doc.items[0].line == 1
    assert len(doc.items) >= 10
    prose = ("Some prose words here that go on. " * 60 + "\n") * 20
    big = ("## Heading\n\n" + prose + "\n- bullet one\n- bullet two\n\n") * 130
    assert len(big) > 5_000_000
    doc = parse_markdown(big)
    assert len(doc.headings) == 130
    assert doc.items[-1].line == len(big.splitlines()) - 1


def test_links_whose_source_differs_from_their_text() -> None:
    # Autolinks, labels with emphasis or escapes, a comment across quote markers, a second
    # paragraph of a bullet, one URL twice in an HTML block: each at its own place.
    text = (
        "Mail <a@b.c> or <http://x.io> then [**bold** label](b.md) and [a\\*b](c.md).\n"
        "\n"
        "> quoted <!-- one\n"
        "> two --> after [q](q.md)\n"
        "\n"
        "- first [x](1.md)\n"
        "\n"
        "  second [x](2.md)\n"
        "\n"
        '<p><a href="h.md">h</a> <a href="h.md">again</a></p>\n'
    )
    doc = parse_markdown(text)
    assert [(link.target, link.line, link.column) for link in doc.links] == [
        ("mailto:a@b.c", 1, 6),
        ("http://x.io", 1, 17),
        ("b.md", 1, 36),
        ("c.md", 1, 63),
        ("q.md", 4, 17),
        ("1.md", 6, 9),
        ("2.md", 8, 10),
        ("h.md", 10, 13),
        ("h.md", 10, 34),
    ]
    assert [(c.line, c.column, c.end_line) for c in doc.comments] == [(3, 10, 4)]
