"""The core's question types, registered through ``register_question_types`` like a
partner's."""

from elearn.builtin.questions.arrange import Matching, Ordering
from elearn.builtin.questions.choice import MultipleChoice, SingleChoice, TrueFalse
from elearn.builtin.questions.numeric import Numeric
from elearn.builtin.questions.text import Cloze, Essay, ShortAnswer

CORE_QUESTION_TYPES = [
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    ShortAnswer,
    Numeric,
    Matching,
    Ordering,
    Cloze,
    Essay,
]

__all__ = ["CORE_QUESTION_TYPES"]
