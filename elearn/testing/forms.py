"""Reading a quiz page as a browser does: its form controls, their values and labels, so
that a test answers by what a learner reads ("Jakarta"), never by a value the page
happens to post (values are tokens of each attempt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Control:
    """One named control: a text input, a text area, or a choice (radio buttons, check
    boxes, a select) with its ``options`` as (value, label) pairs in page order."""

    name: str
    kind: str  # "text" | "radio" | "checkbox" | "select" | "hidden"
    value: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)

    @property
    def choice(self) -> bool:
        return self.kind in {"radio", "checkbox", "select"}

    def value_of(self, label: str) -> str:
        """The value of the option labelled ``label`` (exactly, or else containing it)."""
        exact = [value for value, text in self.options if text == label]
        near = [value for value, text in self.options if label in text]
        found = exact or near
        assert len(found) == 1, f"{self.name}: no single option {label!r} in {self.options}"
        return found[0]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: dict[str, Control] = {}
        self.order: list[str] = []
        self._label: list[str] | None = None  # text of the label being read
        self._pending: tuple[str, str, str] | None = None  # (name, kind, value) in a label
        self._select: str | None = None
        self._option: list[str] | None = None
        self._option_value = ""

    def _control(self, name: str, kind: str) -> Control:
        if name not in self.controls:
            self.controls[name] = Control(name, kind)
            self.order.append(name)
        return self.controls[name]

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "label":
            self._label = []
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"radio", "checkbox"}:
                self._control(a["name"], kind)
                self._pending = (a["name"], kind, a.get("value", "on"))
                if self._label is not None:
                    self._label = []
            elif kind not in {"submit", "button"}:
                self._control(a["name"], "hidden" if kind == "hidden" else "text").value = a.get(
                    "value", ""
                )
        elif tag == "textarea" and a.get("name"):
            self._control(a["name"], "text")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._control(a["name"], "select")
        elif tag == "option" and self._select:
            self._option, self._option_value = [], a.get("value", "")

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)
        if self._option is not None:
            self._option.append(data)

    def handle_endtag(self, tag):
        if tag == "label":
            if self._pending:
                name, _kind, value = self._pending
                self.controls[name].options.append((value, " ".join("".join(self._label).split())))
                self._pending = None
            self._label = None
        elif tag == "option" and self._option is not None:
            if self._option_value:
                text = " ".join("".join(self._option).split())
                self.controls[self._select].options.append((self._option_value, text))
            self._option = None
        elif tag == "select":
            self._select = None


def controls(html: str) -> dict[str, Control]:
    """Every named control of the page, by name, in page order."""
    reader = _Reader()
    reader.feed(html)
    return {name: reader.controls[name] for name in reader.order}


def answer_fields(html: str, answers: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    """The form fields that give ``answers`` on this page: ``{field name: answer}``, where
    a choice is named by its label (a list of labels for check boxes) and anything else
    is typed as given. Names are a question's field (``q[<key>]``) or one of its parts."""
    found = controls(html)
    fields: dict[str, str | list[str]] = {}
    for name, given in answers.items():
        control = found.get(name)
        assert control is not None, f"no field {name!r} on the page: {list(found)}"
        if not control.choice:
            fields[name] = given
        elif isinstance(given, list):
            fields[name] = [control.value_of(label) for label in given]
        else:
            fields[name] = control.value_of(given)
    return fields
