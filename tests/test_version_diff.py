"""Version diffs: changed lines in context, and a bound on the work (F6: 8,000 repeated
lines took 9 s per view of the diff page)."""

from elearn.content.diff import MAX_MATCHED_LINES, diff_files
from elearn.testing.work import python_steps


def test_changed_lines_are_shown_in_context():
    old = {"01-a.md": b"satu\ndua\ntiga\n", "02-b.md": b"tetap\n"}
    new = {"01-a.md": b"satu\nDUA\ntiga\n", "02-b.md": b"tetap\n", "03-c.md": b"baru\n"}
    changes = {change.path: change for change in diff_files(old, new)}
    assert set(changes) == {"01-a.md", "03-c.md"}
    kinds = [(line.kind, line.text) for line in changes["01-a.md"].lines]
    assert kinds == [
        ("same", "satu"),
        ("removed", "dua"),
        ("added", "DUA"),
        ("same", "tiga"),
    ]
    assert changes["03-c.md"].status == "added"


def test_a_long_file_changed_at_one_place_is_still_compared_line_by_line():
    lines = [f"baris {n}" for n in range(20_000)]
    changed = lines[:10_000] + ["baris baru"] + lines[10_000:]
    old, new = {"a.md": "\n".join(lines).encode()}, {"a.md": "\n".join(changed).encode()}
    (change,) = diff_files(old, new)
    assert change.summary is None and change.counts == (1, 0)


def test_a_file_that_changed_throughout_is_summarised_not_matched():
    old = {"a.md": ("- [ ] sama\n" * 8000).encode()}
    new = {"a.md": ("- [x] sama\n" * 8000).encode()}
    (change,) = diff_files(old, new)
    assert change.summary == (8000, 8000) and change.lines == []
    assert python_steps(diff_files, old, new) < 20 * MAX_MATCHED_LINES
