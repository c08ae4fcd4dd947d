"""Typed models, split by domain. Importing this package registers every table."""

from elearn.models.accounts import ROLES, ActivationCode, Agency, User, UserRole
from elearn.models.approvals import JpApproval, SiasnReference
from elearn.models.audit import AuditEntry
from elearn.models.catalog import (
    Asset,
    Course,
    CourseDraft,
    CourseItem,
    CourseTrainer,
    CourseVersion,
    Question,
    SearchWord,
    VersionAsset,
)
from elearn.models.certificates import Certificate
from elearn.models.discussions import (
    CourseAnswer,
    CourseQuestion,
    PostReport,
    QuestionFollower,
)
from elearn.models.events import Event
from elearn.models.external import ExternalLearning
from elearn.models.files import PostFile
from elearn.models.ideas import (
    Idea,
    IdeaComment,
    IdeaStageChange,
    IdeaSupport,
    InnovationTeamMember,
    MeetingAgendaItem,
)
from elearn.models.jobs import Job
from elearn.models.mandatory import MandatoryCourse
from elearn.models.notifications import Notification
from elearn.models.plugins import PluginMaintainer, PluginState
from elearn.models.progress import Attempt, AttemptGrant, Enrolment, ItemProgress, JpCredit
from elearn.models.projects import ChangeProject, ProjectMilestone, ProjectNote
from elearn.models.training_events import (
    CalendarFeed,
    EventAttendance,
    EventEvaluation,
    EventMaterial,
    EventRegistration,
    EventSession,
    EventSpeaker,
    EventTestAttempt,
    TrainingEvent,
)
from elearn.models.workplace import WorkplaceLearning, WorkplaceLimit

__all__ = [
    "ROLES",
    "ActivationCode",
    "Agency",
    "Asset",
    "Attempt",
    "AttemptGrant",
    "AuditEntry",
    "CalendarFeed",
    "Certificate",
    "ChangeProject",
    "Course",
    "CourseAnswer",
    "CourseDraft",
    "CourseItem",
    "CourseQuestion",
    "CourseTrainer",
    "CourseVersion",
    "Enrolment",
    "Event",
    "EventAttendance",
    "EventEvaluation",
    "EventMaterial",
    "EventRegistration",
    "EventSession",
    "EventSpeaker",
    "EventTestAttempt",
    "ExternalLearning",
    "Idea",
    "IdeaComment",
    "IdeaStageChange",
    "IdeaSupport",
    "InnovationTeamMember",
    "ItemProgress",
    "Job",
    "JpApproval",
    "JpCredit",
    "MandatoryCourse",
    "MeetingAgendaItem",
    "Notification",
    "PluginMaintainer",
    "PluginState",
    "PostFile",
    "PostReport",
    "ProjectMilestone",
    "ProjectNote",
    "Question",
    "QuestionFollower",
    "SearchWord",
    "SiasnReference",
    "TrainingEvent",
    "User",
    "UserRole",
    "VersionAsset",
    "WorkplaceLearning",
    "WorkplaceLimit",
]
