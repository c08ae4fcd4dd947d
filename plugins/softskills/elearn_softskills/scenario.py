"""A branching scenario: a role-play in scenes (a citizen's complaint at the service
counter, say). Each choice leads to another scene; the path is scored and, after
submission, explained. Written::

    Anda petugas loket. (the question's text)

    ### awal
    Pak Darman datang dengan nada tinggi.

    - Dengarkan sampai selesai, lalu minta maaf -> dengar (2)
      > Empati meredakan emosi.
    - Minta ia menunggu giliran -> antre (0)

    ### dengar
    ...

A scene is ``### id`` (the first one opens the scenario), its text, and its choices
``- text -> next scene (points)``; a scene without choices ends it. The score is the
points of the path taken over those of the best path. The learner sees only the scene
they are in: the other scenes, the points and the explanations stay on the server, and
so does the path: each save may add one choice of the scene reached, never rewind or
branch off (``update_response``), and each choice posts a token of the attempt.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.plugin_api import (
    Grade,
    ParsedQuestion,
    QuestionBlock,
    QuestionType,
    check_attributes,
    pattern,
    render_inline,
    render_markdown,
    seal,
    unseal,
)

SCENE = pattern(r"^###\s+(?P<id>[a-z0-9][a-z0-9_-]*)\s*$")
CHOICE = pattern(
    r"^[-*+]\s+(?P<text>.+?)\s*->\s*(?P<target>[a-z0-9][a-z0-9_-]*)\s*(?:\((?P<points>-?\d+)\))?\s*$"
)
EXPLANATION = pattern(r"^\s{2,}>\s?(?P<text>.*)$")


def _scenes(block: QuestionBlock) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The lines before the first scene, and the scenes in order, as written."""
    intro: list[str] = []
    scenes: dict[str, dict[str, Any]] = {}
    current = None
    for line in block.lines:
        heading = SCENE.match(line.text)
        if heading:
            if heading["id"] in scenes:
                block.error(
                    line.number,
                    "SS-SCENE-TWICE",
                    _l("There is already a scene `%(id)s`.", id=heading["id"]),
                )
            current = scenes.setdefault(
                heading["id"], {"line": line.number, "text": [], "choices": []}
            )
            continue
        if current is None:
            intro.append(line.text)
            continue
        choice = CHOICE.match(line.text)
        explanation = EXPLANATION.match(line.text)
        if choice:
            current["choices"].append(
                {
                    "text": choice["text"],
                    "target": choice["target"],
                    "line": line.number,
                    "points": int(choice["points"] or 0),
                    "explanation": [],
                }
            )
        elif explanation and current["choices"]:
            current["choices"][-1]["explanation"].append(explanation["text"])
        elif line.text.lstrip().startswith(("- ", "* ", "+ ")) and "->" not in line.text:
            current["text"].append(line.text)
        elif line.text.lstrip()[:2] in {"- ", "* ", "+ "}:
            block.error(
                line.number,
                "SS-BAD-CHOICE",
                _l("A choice is written: - what the learner does -> next scene (points)."),
            )
        else:
            current["text"].append(line.text)
    return intro, scenes


def best_points(scenes: dict[str, Any], scene: str, seen: frozenset = frozenset()) -> int:
    choices = scenes[scene]["choices"]
    if not choices or scene in seen:
        return 0
    return max(c["points"] + best_points(scenes, c["target"], seen | {scene}) for c in choices)


class BranchingScenario(QuestionType):
    id = "skenario"
    label = _l("Branching scenario")
    aliases = ("scenario",)
    template = "softskills/skenario.html"
    result_template = "softskills/skenario_hasil.html"
    max_answer_length = 100  # a choice: a token of this attempt

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        intro, scenes = _scenes(block)
        if not scenes:
            block.error(
                block.heading_line,
                "SS-NO-SCENES",
                _l("A scenario needs scenes: ### awal, then its text and choices."),
            )
            return None
        if not self._check(block, scenes):
            return None
        start = next(iter(scenes))
        ids = {
            scene: [f"c{i}" for i in range(1, len(s["choices"]) + 1)] for scene, s in scenes.items()
        }
        return ParsedQuestion(
            prompt_html=render_markdown("\n".join(intro).strip()),
            public={
                "start": start,
                "scenes": {
                    scene: {
                        "html": render_markdown("\n".join(s["text"]).strip()),
                        "choices": [
                            {"id": cid, "html": render_inline(c["text"]), "target": c["target"]}
                            for cid, c in zip(ids[scene], s["choices"], strict=True)
                        ],
                    }
                    for scene, s in scenes.items()
                },
            },
            key={
                "points": {
                    f"{scene}:{cid}": c["points"]
                    for scene, s in scenes.items()
                    for cid, c in zip(ids[scene], s["choices"], strict=True)
                },
                "best": best_points(scenes, start),
            },
            feedback={
                f"choice:{scene}:{cid}": render_markdown("\n".join(c["explanation"]))
                for scene, s in scenes.items()
                for cid, c in zip(ids[scene], s["choices"], strict=True)
                if c["explanation"]
            },
            source={
                "stem": "\n".join(intro).strip(),
                "scenes": [
                    {
                        "id": scene,
                        "text": "\n".join(s["text"]).strip(),
                        "choices": [
                            (c["text"], c["target"], c["points"], "\n".join(c["explanation"]))
                            for c in s["choices"]
                        ],
                    }
                    for scene, s in scenes.items()
                ],
            },
        )

    def _check(self, block: QuestionBlock, scenes: dict[str, Any]) -> bool:
        fine = True
        for scene in scenes.values():
            for choice in scene["choices"]:
                if choice["target"] not in scenes:
                    block.error(
                        choice["line"],
                        "SS-NO-SUCH-SCENE",
                        _l("There is no scene `%(id)s` to go to.", id=choice["target"]),
                        _l("Scenes: %(ids)s", ids=", ".join(scenes)),
                    )
                    fine = False
        if not fine:
            return False
        start = next(iter(scenes))
        path: list[str] = []

        def visit(scene: str) -> bool:
            if scene in path:
                block.error(
                    scenes[scene]["line"],
                    "SS-LOOP",
                    _l(
                        "The scenario can come back to scene `%(id)s`: every path must "
                        "reach an ending.",
                        id=scene,
                    ),
                )
                return False
            path.append(scene)
            ok = all(visit(c["target"]) for c in scenes[scene]["choices"])
            path.pop()
            return ok

        if not visit(start):
            return False
        if not any(not s["choices"] for s in scenes.values()):
            block.error(
                block.heading_line,
                "SS-NO-ENDING",
                _l("The scenario has no ending: a scene without choices."),
            )
            return False
        if best_points(scenes, start) <= 0:
            block.error(
                block.heading_line,
                "SS-NO-POINTS",
                _l("No path earns points: give the good choices points, e.g. -> dengar (2)."),
            )
            return False
        return True

    def present(self, public: dict[str, Any], rng: Any) -> dict[str, Any]:
        """Every choice of every scene posts a token of this attempt (``c1`` is often the
        best choice: its id must not say so)."""
        ids = [
            f"{scene}:{choice['id']}"
            for scene, content in public["scenes"].items()
            for choice in content["choices"]
        ]
        sealed = seal(ids, rng)
        token = {real: value for value, real in sealed.items()}
        scenes = {
            scene: {
                **content,
                "choices": [
                    {**choice, "id": token[f"{scene}:{choice['id']}"]}
                    for choice in content["choices"]
                ],
            }
            for scene, content in public["scenes"].items()
        }
        return {**public, "scenes": scenes, "sealed": sealed}

    def response_from_form(self, form: Any, name: str) -> Any:
        """The choice made in the scene shown (the path itself stays on the server)."""
        return form.get(f"{name}-choice") or None

    def update_response(self, saved: Any, posted: Any, view: dict[str, Any]) -> Any:
        """The saved path, with the posted choice added when it is one of the scene the
        path has reached: an earlier scene's choice (a form sent twice, or a learner
        trying another branch) changes nothing."""
        steps, scene, _ended = walk(view, saved)
        path = [choice for _scene, choice in steps]
        offered = {choice["id"] for choice in view["scenes"][scene]["choices"]}
        return path + [posted] if posted in offered else path

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        raise TypeError("a scenario is graded against its scenes: grade_presented")

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        steps, scene, ended = walk(view, response)
        named = [(s, _choice_key(view, s, c)) for s, c in steps]
        earned = sum(key["points"].get(name, 0) for _s, name in named)
        fraction = max(0.0, min(1.0, earned / key["best"]))
        details = {
            "steps": [
                [s, c, key["points"].get(n, 0), f"choice:{n}"]
                for (s, c), (_s, n) in zip(steps, named, strict=True)
            ],
            "ended": ended,
            "earned": earned,
            "best": key["best"],
            "scene": scene,
        }
        return Grade(fraction, ("correct" if fraction == 1 else "incorrect",), details)

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return []  # the result page explains every step of the learner's own path

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        lines = []
        for scene in parsed.source["scenes"]:
            lines += ["", f"### {scene['id']}", scene["text"], ""]
            for text, target, points, explanation in scene["choices"]:
                lines.append(f"- {text} -> {target} ({points})")
                lines += [f"  > {line}" for line in explanation.split("\n") if explanation]
        return "\n".join(lines).strip()


def _choice_key(view: dict[str, Any], scene: str, choice: str) -> str:
    """``scene:cN``, as the key and the feedback name a choice (a view from before
    choices were sealed posted ``cN`` itself)."""
    real = unseal(view, choice) or choice
    return real if ":" in real else f"{scene}:{real}"


def walk(view: dict[str, Any], response: Any) -> tuple[list[tuple[str, str]], str, bool]:
    """Follow the learner's choices from the first scene: the valid steps taken, the
    scene reached, and whether it is an ending. Steps that do not fit are ignored."""
    scenes, scene, steps = view["scenes"], view["start"], []
    for choice_id in response if isinstance(response, list) else []:
        choice = next((c for c in scenes[scene]["choices"] if c["id"] == choice_id), None)
        if choice is None:
            break
        steps.append((scene, choice_id))
        scene = choice["target"]
    return steps, scene, not scenes[scene]["choices"]
