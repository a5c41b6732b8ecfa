"""How much of a real team's milestone the drafter recovers from the handoffs it was made from.

    python bench/distil.py [--show TREE/FOLDER]

For each team milestone listed in ``bench/distil_facts.toml`` (read by hand from the summary
and lessons the team committed), the milestone's own handoffs are copied into a fresh git
repository as pending handoffs and drafted by the real planner of ``new milestone``
(``--dry-run``: nothing is written). Printed per milestone and in total: the team's facts the
draft states out of those the handoffs contain (and out of all), the bullets drafted, and the
bullets of a noise class (filler, a plan stated as done, a handoff describing itself, a
lesson title cut mid-phrase, an empty or doubled Solution, the same bullet twice).

It skips, saying so, when the corpus is absent (CI has no /work/shared). Not a timing: it
may run while others work.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from milestone_lint.git.journal import open_workspace
from milestone_lint.layout.project import open_project
from milestone_lint.write import similar
from milestone_lint.write.milestone import plan_milestone

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the backport the package depends on there
    import tomli as tomllib

CORPUS = Path("/work/shared/corpus/realworld")
FACTS = Path(__file__).with_name("distil_facts.toml")
_HANDOFF = re.compile(r"^0*[1-9]\d*-.+\.md$")

# Bullets no reader of a milestone wants, by class; each a pattern over one drafted bullet
# (or lesson block), case-insensitive.
NOISE: dict[str, re.Pattern[str]] = {
    "filler": re.compile(r"^(\*\*[^*]+\*\*:?\s*)?(none|n/a|nothing)\b", re.I),
    "self-description": re.compile(
        r"\bthis (handoff|document|session|milestone) (documents|describes|covers|summari[sz]es"
        r"|captures|records)\b",
        re.I,
    ),
    "plan": re.compile(
        r"\bwill (focus|need|be|continue|implement|add|address)\b|\bnext (phase|step)s?\b"
        r"|(?<!initially )(?<!originally )\b(plan|planned|planning) to\b",
        re.I,
    ),
    "cut title": re.compile(
        r"^## .*\b(a|an|the|as|of|to|for|with|in|on|by|and|or|single|same|more|than|into"
        r"|from|is|was|are|were|be|its|their|our|this|that)\s*$",
        re.I,
    ),
    "solution todo": re.compile(r"\*\*Solution:\*\*\s*TODO"),
    "solution label twice": re.compile(
        r"\*\*Solution:\*\*\s*\**(fix|resolution|workaround|solution)\**:", re.I
    ),
}


@dataclass
class Result:
    name: str
    found: int
    contained: int
    found_contained: int
    total: int
    bullets: int
    noise: dict[str, list[str]]
    summary: str
    lessons: str


def _present(text: str, fact: dict[str, object]) -> bool:
    low = text.lower()
    every = [str(p).lower() for p in fact.get("all", [])]  # type: ignore[attr-defined]
    some = [str(p).lower() for p in fact.get("any", [])]  # type: ignore[attr-defined]
    return all(p in low for p in every) and (not some or any(p in low for p in some))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def rebuild(folder: Path) -> tuple[str, str]:
    """The drafted summary and lessons of ``folder``'s handoffs, as ``new milestone``
    plans them."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        _git(repo, "init", "-q")
        _git(repo, "config", "user.email", "bench@example.com")
        _git(repo, "config", "user.name", "bench")
        root = repo / "handoffs"
        root.mkdir()
        for path in sorted(folder.iterdir()):
            if path.is_file() and _HANDOFF.match(path.name):
                shutil.copyfile(path, root / path.name)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "handoffs")
        project = open_project(repo, None)
        plan = plan_milestone(project, "rebuilt", None, open_workspace(repo))
        (_, summary), (_, lessons) = plan.files
        return summary, lessons


def _noise(summary: str, lessons: str) -> tuple[int, dict[str, list[str]]]:
    bullets = [line[2:] for line in summary.splitlines() if line.startswith("- ")]
    # The lessons file's placeholder when the handoffs had no lesson is no bullet.
    blocks = [b for b in re.split(r"(?m)^(?=## )", lessons) if b.startswith("## ")]
    blocks = [b for b in blocks if not b.startswith("## TODO")]
    found: dict[str, list[str]] = {name: [] for name in NOISE}
    seen: set[str] = set()
    found["repeated"] = []
    for bullet in bullets:
        key = similar.key(bullet)
        if key in seen:
            found["repeated"].append(bullet)
        seen.add(key)
    for text in [*bullets, *blocks]:
        for name, pattern in NOISE.items():
            probe = text.splitlines()[0] if name == "cut title" else text
            if pattern.search(probe):
                found[name].append(text.splitlines()[0])
    return len(bullets) + len(blocks), found


def measure(entry: dict[str, object]) -> Result:
    folder = CORPUS / str(entry["tree"]) / str(entry["folder"])
    summary, lessons = rebuild(folder)
    facts: list[dict[str, object]] = entry["fact"]  # type: ignore[assignment]
    text = summary + "\n" + lessons
    hits = [_present(text, fact) for fact in facts]
    contained = [bool(fact["in_handoffs"]) for fact in facts]
    bullets, noise = _noise(summary, lessons)
    return Result(
        f"{entry['tree']}/{entry['folder']}",
        sum(hits),
        sum(contained),
        sum(h and c for h, c in zip(hits, contained, strict=True)),
        len(facts),
        bullets,
        noise,
        summary,
        lessons,
    )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def main(argv: list[str]) -> int:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent (the real trees are not on this machine)")
        return 0
    milestones = tomllib.loads(FACTS.read_text(encoding="utf-8"))["milestone"]
    show = argv[argv.index("--show") + 1] if "--show" in argv else None
    totals = [0, 0, 0, 0, 0, 0]
    for entry in milestones:
        result = measure(entry)
        noisy = sum(len(v) for v in result.noise.values())
        print(
            f"{result.name}: facts {result.found_contained}/{result.contained} of those the"
            f" handoffs contain ({_pct(result.found_contained, result.contained)}),"
            f" {result.found}/{result.total} of all; {result.bullets} bullets, {noisy} noise"
        )
        for name, items in result.noise.items():
            for item in items:
                print(f"    {name}: {item[:90]}")
        if show and show == result.name:
            print(result.summary, result.lessons, sep="\n")
        for i, n in enumerate(
            (result.found_contained, result.contained, result.found, result.total,
             result.bullets, noisy)
        ):  # fmt: skip
            totals[i] += n
    fc, c, f, t, b, noisy = totals
    print(
        f"total: facts {fc}/{c} of those the handoffs contain ({_pct(fc, c)}), {f}/{t} of all"
        f" ({_pct(f, t)}); {b} bullets, {noisy} noise ({_pct(b - noisy, b)} useful)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
