"""The layout model: a root's entries sorted into what the convention says they are.

Built once per root from a :class:`~milestone_lint.sources.Listing`; path rules only read it.
Classification is lenient (``1_setup.md`` is still handoff 1) so that one naming mistake is one
diagnostic, not a cascade of numbering ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from milestone_lint.config.schema import Config
from milestone_lint.convention.vocabulary import is_work_state
from milestone_lint.layout.names import (
    NumberedName,
    is_markdown,
    is_system_name,
    is_transcript,
    markdown_name_stem,
    markdown_stem,
    parse_name,
)
from milestone_lint.paths import display
from milestone_lint.sources.base import Listing

EPIC_SYSTEM_FILES: tuple[str, str] = ("0-epic-summary.md", "0-epic-lessons-learned.md")


# Plain classes and NamedTuples, not dataclasses, here and in every module the hooks load:
# the post-commit suggestion builds this model and would otherwise import dataclasses (with
# inspect, ~5 ms of it); on a commit the check parses, mistune has imported dataclasses
# already, but each definition still costs ~0.2 ms (a 1,000-file layout fills in ~4 ms).


class Handoff(NamedTuple):
    """A numbered note: pending in the root, or archived in a milestone folder."""

    path: str
    name: NumberedName
    folder: Folder

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def transcript(self) -> bool:
        """An extracted chat transcript: numbered like a handoff, not judged as one."""
        return is_transcript(markdown_stem(self.filename))


class Folder:
    """A folder that holds handoffs: the root itself (path ``""``) or a milestone."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.handoffs: list[Handoff] = []

    @property
    def label(self) -> str:
        return f"{self.path}/" if self.path else "the root"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.path!r})"


class Milestone(Folder):
    """A ``<N>-<slug>/`` folder distilling some handoffs."""

    def __init__(self, path: str, name: NumberedName, epic: Epic | None = None) -> None:
        super().__init__(path)
        self.name = name
        self.epic = epic
        self.files: list[str] = []
        self.system_files: list[str] = []
        self.unknown_system_files: list[str] = []
        self.other_files: list[str] = []
        self.nested_dirs: list[str] = []


class Epic:
    """An ``E<N>-<slug>/`` folder grouping milestones (only with ``epics = true``)."""

    def __init__(self, path: str, name: NumberedName) -> None:
        self.path = path
        self.name = name
        self.milestones: list[Milestone] = []
        self.system_files: list[str] = []
        self.unknown_system_files: list[str] = []
        self.stray: list[StrayEntry] = []

    def __repr__(self) -> str:
        return f"Epic({self.path!r})"


class StrayEntry(NamedTuple):
    """An entry in a place where the convention has no slot for it."""

    path: str
    is_dir: bool


class RootLayout:
    """Everything the path rules need to know about one root."""

    def __init__(
        self,
        root: str,
        pending: Folder,
        milestones: list[Milestone],
        epics: list[Epic],
        stray_folders: list[StrayEntry],
        markdown_files: list[str],
        system_entries: list[str],
        all_files: tuple[str, ...] = (),
        state_folders: list[str] | None = None,
        system_notes: list[str] | None = None,
    ) -> None:
        self.root = root
        self.pending = pending
        self.milestones = milestones
        self.epics = epics
        self.stray_folders = stray_folders
        self.markdown_files = markdown_files
        self.system_entries = system_entries
        self.all_files = all_files
        # Numbered folders named for a work state (`1-pending/`, `3-done/`) that hold no 0-
        # file: a task board's columns, not milestones (ML107 names them once for the root).
        self.state_folders = state_folders or []
        # The root's own 0- markdown files (system entries, unless one reads like a handoff:
        # ML101).
        self.system_notes = system_notes or []

    def files_named(self, name: str) -> list[str]:
        """The root's files called ``name`` (ML309 suggests from them); the index is built on
        the first question, once: most runs never ask."""
        return self._by_name.get(name, [])

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for path in self.all_files:
            index.setdefault(path.rsplit("/", 1)[-1], []).append(path)
        return index

    def display(self, rel: str) -> str:
        """The path of an entry as shown to users (relative to the repo root)."""
        if not rel:
            return self.root
        return f"{self.root}/{rel}" if self.root not in ("", ".") else rel

    @property
    def folders(self) -> list[Folder]:
        """Folders holding handoffs, in chronological order: milestones by number, then pending."""
        return [*self.milestones, self.pending]

    @property
    def handoffs(self) -> list[Handoff]:
        return [h for folder in self.folders for h in folder.handoffs]

    def next_handoff_number(self, global_numbering: bool) -> int:
        """The number a new handoff takes: after every handoff of the root when it numbers
        globally (or has no milestone), else after the pending ones."""
        if global_numbering or not self.milestones:
            handoffs = self.handoffs
        else:
            handoffs = self.numbered_pending()
        return max((h.name.number or 0 for h in handoffs), default=0) + 1

    def handoff_width(self, number_width: int) -> int:
        """Digits new handoff numbers get: ``number-width``, else the padding already used."""
        if number_width:
            return number_width
        padded = [h.name.digits or "" for h in self.handoffs if h.name.padded]
        return max((len(d) for d in padded), default=0)

    def numbered_pending(self) -> list[Handoff]:
        """The root's numbered files waiting for a milestone, in number order, extracted
        transcripts included: what a milestone takes, and what holds a number. A pending file
        with no number (ML101) is no handoff yet."""
        return [h for h in self.pending.handoffs if h.name.number is not None]

    def pending_handoffs(self) -> list[Handoff]:
        """The handoffs waiting for a milestone, in number order: :meth:`numbered_pending`
        without the transcripts, the notes a milestone distils."""
        return [h for h in self.numbered_pending() if not h.transcript]

    def pending_transcripts(self) -> list[Handoff]:
        """The extracted chat transcripts waiting for a milestone, in number order."""
        return [h for h in self.numbered_pending() if h.transcript]

    def content_files(
        self, summary_file: str, lessons_file: str, wanted: Callable[[str], bool] | None = None
    ) -> list[tuple[str, str]]:
        """(path, kind) of every file content rules judge: handoffs, summaries, lessons; with
        ``wanted``, only the paths it accepts (asked first: the cheapest test)."""
        # An unnumbered file (ML101) may be a guide rather than a handoff: its name is
        # reported, its content is not judged as a handoff's.
        files = [
            (h.path, "handoff")
            for h in self.handoffs
            if (wanted is None or wanted(h.path))
            and is_markdown(h.path)
            and h.name.digits is not None
            and not h.transcript
        ]
        for milestone in self.milestones:
            for name, kind in ((summary_file, "summary"), (lessons_file, "lessons")):
                if name in milestone.system_files:
                    files.append((f"{milestone.path}/{name}", kind))
        for epic in self.epics:
            for name, kind in zip(EPIC_SYSTEM_FILES, ("summary", "lessons"), strict=True):
                if name in epic.system_files:
                    files.append((f"{epic.path}/{name}", kind))
        return sorted(f for f in files if f[1] == "handoff" or wanted is None or wanted(f[0]))

    def handoffs_in(self, folder: str) -> list[str]:
        """The handoffs a milestone folder (from the root) distils, transcripts included (an
        extracted chat is a source too); none for any other folder."""
        milestone = self._milestones_by_path.get(folder)
        return [h.path for h in milestone.handoffs] if milestone is not None else []

    @cached_property
    def _milestones_by_path(self) -> dict[str, Milestone]:
        return {m.path: m for m in self.milestones}

    def system_file_paths(self) -> list[str]:
        """The 0- files of milestones and epics: what a fresh session loads as context."""
        paths = [f"{m.path}/{name}" for m in self.milestones for name in m.system_files]
        paths += [f"{e.path}/{name}" for e in self.epics for name in e.system_files]
        return sorted(paths)


def _children(listing: Listing) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Map each folder ("" for the root) to its direct file and folder names."""
    files: dict[str, list[str]] = defaultdict(list)
    dirs: dict[str, list[str]] = defaultdict(list)
    for path in listing.files:
        parent, _, name = path.rpartition("/")
        files[parent].append(name)
    for path in listing.dirs:
        parent, _, name = path.rpartition("/")
        dirs[parent].append(name)
    return files, dirs


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _number_key(name: NumberedName, path: str) -> tuple[int, str]:
    return (name.number if name.number is not None else 1 << 30, path)


def build_layout(
    root: str,
    listing: Listing,
    *,
    epics: bool,
    system_files: tuple[str, ...],
) -> RootLayout:
    """Sort a root's listing into the layout model."""
    files, dirs = _children(listing)
    markdown = [p for p in listing.files if is_markdown(p) and not _hidden(p)]
    pending = Folder("")
    milestones: list[Milestone] = []
    epic_list: list[Epic] = []
    stray: list[StrayEntry] = []
    system_entries: list[str] = []
    states: list[str] = []
    notes: list[str] = []

    for name in sorted(dirs.get("", [])):
        if name.startswith("."):
            continue
        if is_system_name(name):
            system_entries.append(name)
            continue
        if epics and name[:1] in "Ee" and parse_name(name, epic=True).digits is not None:
            epic_list.append(_build_epic(name, files, dirs, milestones, system_files))
            continue
        parsed = parse_name(name)
        if parsed.digits is None:
            stray.append(StrayEntry(name, True))
            continue
        milestone = _build_milestone(name, parsed, None, files, dirs, system_files)
        if _is_state_folder(milestone):
            states.append(name)
        else:
            milestones.append(milestone)

    root_files = sorted(files.get("", []))
    zero = _zero_handoff_width(root_files)
    for name in root_files:
        if name.startswith(".") or not is_markdown(name):
            continue
        if zero and name[:zero].strip("0") == "" and name[zero : zero + 1] == "-":
            pass  # "000-setup.md" beside "001-…": handoff 0 (ML105), not a system file
        elif is_system_name(name) or name.lower() == "readme.md":
            system_entries.append(name)
            if name[:1] == "0":
                notes.append(name)
            continue
        pending.handoffs.append(Handoff(name, parse_name(markdown_stem(name)), pending))

    milestones.sort(key=lambda m: _number_key(m.name, m.path))
    epic_list.sort(key=lambda e: _number_key(e.name, e.path))
    pending.handoffs.sort(key=lambda h: _number_key(h.name, h.path))
    return RootLayout(
        root,
        pending,
        milestones,
        epic_list,
        stray,
        markdown,
        system_entries,
        listing.files,
        states,
        notes,
    )


def _is_state_folder(folder: Milestone) -> bool:
    """A numbered folder named for a work state and holding no 0- file: a board's column. One
    with a summary or lessons file is a milestone whatever its name, and judged as one."""
    return (
        is_work_state(folder.name.slug)
        and not folder.system_files
        and not folder.unknown_system_files
    )


def _zero_handoff_width(names: list[str]) -> int:
    """The width of the root's padded handoff numbers when every numbered handoff is padded
    to it (``001-…``, ``002-…``), else 0: a ``0…0-`` file of that width is handoff 0 of the
    sequence, where a plain ``0-`` file is a system file."""
    widths: set[int] = set()
    for name in names:
        if not name[:1].isdigit() or not is_markdown(name) or is_system_name(name):
            continue
        digits = parse_name(markdown_stem(name)).digits or ""
        widths.add(len(digits) if digits.startswith("0") and len(digits) > 1 else 0)
    return widths.pop() if len(widths) == 1 else 0


def layout_for(rel: str, listing: Listing, config: Config) -> RootLayout:
    """The layout of the root at ``rel`` (relative to the repository), as configured."""
    return build_layout(
        display(rel) or ".", listing, epics=config.epics, system_files=config.system_files
    )


def _hidden(path: str) -> bool:
    return "/." in "/" + path


def _build_milestone(
    path: str,
    parsed: NumberedName,
    epic: Epic | None,
    files: dict[str, list[str]],
    dirs: dict[str, list[str]],
    system_files: tuple[str, ...],
) -> Milestone:
    milestone = Milestone(path, parsed, epic)
    for name in sorted(dirs.get(path, [])):
        if not name.startswith("."):
            milestone.nested_dirs.append(_join(path, name))
    for name in sorted(files.get(path, [])):
        if name.startswith("."):
            continue
        full = _join(path, name)
        milestone.files.append(full)
        if is_system_name(name):
            if name in system_files:
                milestone.system_files.append(name)
            else:
                milestone.unknown_system_files.append(full)
            continue
        stem = markdown_name_stem(name)
        if stem is not None:
            milestone.handoffs.append(Handoff(full, parse_name(stem), milestone))
        else:
            milestone.other_files.append(full)
    milestone.handoffs.sort(key=lambda h: _number_key(h.name, h.path))
    return milestone


def _build_epic(
    path: str,
    files: dict[str, list[str]],
    dirs: dict[str, list[str]],
    milestones: list[Milestone],
    system_files: tuple[str, ...],
) -> Epic:
    epic = Epic(path, parse_name(path, epic=True))
    for name in sorted(dirs.get(path, [])):
        if name.startswith("."):
            continue
        parsed = parse_name(name)
        full = _join(path, name)
        if parsed.digits is None or is_system_name(name):
            epic.stray.append(StrayEntry(full, True))
            continue
        milestone = _build_milestone(full, parsed, epic, files, dirs, system_files)
        epic.milestones.append(milestone)
        milestones.append(milestone)
    for name in sorted(files.get(path, [])):
        if name.startswith("."):
            continue
        full = _join(path, name)
        if is_system_name(name):
            target = epic.system_files if name in EPIC_SYSTEM_FILES else epic.unknown_system_files
            target.append(name if name in EPIC_SYSTEM_FILES else full)
        else:
            epic.stray.append(StrayEntry(full, False))
    return epic
