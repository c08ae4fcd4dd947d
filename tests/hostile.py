"""What a hostile writer might put in any Markdown the platform renders, and the check
that nothing able to run script survives, as a browser would parse the result."""

from __future__ import annotations

from html.parser import HTMLParser

# what a hostile writer might put in any Markdown the platform renders (courses, quizzes,
# events, ideas, comments, questions, answers)
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
]


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "style"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style" and "url(" in (value or ""):
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:text")
            ):
                self.found.append(f"{tag}[{name}={value}]")


def dangerous_markup(html: str) -> list[str]:
    """Elements and attributes that could run script, as a browser would parse them."""
    scanner = _Scanner()
    scanner.feed(html.replace("\\'", "'"))
    return scanner.found
