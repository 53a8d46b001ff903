"""The shapes of a region's delivery story: who carries out its approved 2026 plan (partners
with their agreements, trainers, venues), which program goes to whom, which batches are still
ahead on the demo's today, and what the evaluation of two of its programs found.

Programs are named by their catalogue code (``PTK-PRY-01``). A code the approved plan did not
give a batch is skipped, so a story may name the programs it hopes to see delivered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The demo plays on this day: most of the 2026 batches are behind it, a few are ahead.
DEMO_TODAY = dt.date(2026, 12, 2)
# Where a batch kept ahead of the demo's today may run.
UPCOMING_WINDOW = (dt.date(2026, 12, 7), dt.date(2026, 12, 18))


@dataclass(frozen=True)
class PartnerSpec:
    """A partner (mitra) and its agreement (MoU or PKS) for the year."""

    key: str
    name: str
    type: str  # PartnerType value
    contact: str
    agreement_number: str
    agreement_scope: str
    agreement_kind: str = "pks"
    valid_from: dt.date = dt.date(2026, 1, 2)
    valid_until: dt.date = dt.date(2027, 12, 31)


@dataclass(frozen=True)
class VenueSpec:
    key: str
    name: str
    kind: str  # VenueKind value
    capacity: int
    address: str
    facilities: str = ""
    partner: str = ""  # PartnerSpec.key for a partner campus


@dataclass(frozen=True)
class TrainerSpec:
    key: str
    name: str
    kind: str  # TrainerKind value
    partner: str = ""  # PartnerSpec.key


@dataclass(frozen=True)
class ProgramDelivery:
    """Who delivers a program's batches and where they may run (no venue: any large enough)."""

    partner: str = ""  # PartnerSpec.key; empty: the instansi itself
    trainers: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReactionProfile:
    """How the participants of a batch tend to answer the reaction questionnaire: a mean per
    item on 1–5 (answers are drawn around it) and the comments some of them write."""

    material: float = 4.2
    trainers: float = 4.3
    organisation: float = 4.1
    facilities: float = 4.0
    relevance: float = 4.3
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class LearningStory:
    """What the pre- and post-test of a program's first batch show, as the distribution the
    scores are drawn from: the pre-test mean and spread, and the share of the remaining
    headroom (max − pre) each participant gains, with its spread. The statistics are then
    computed by the product from the drawn scores, not set here."""

    # The first of these programs whose completed batch has enough pre/post pairs for the
    # rules (``min_pairs``) is evaluated.
    programs: tuple[str, ...]
    pre_mean: float
    pre_spread: float
    gain_share: float
    gain_spread: float
    decision: str  # the planner's decision (Decision value): it must match the suggestion
    reaction: ReactionProfile = ReactionProfile()
    action: str = ""  # the follow-up action (tindak lanjut) of the decision, if any
    action_owner: str = "bkpsdm"  # a login of the region
    action_weeks: int = 8  # its due date, in weeks after the demo's today


@dataclass(frozen=True)
class InternshipStory:
    """An internship (magang) of the region's young ASN login at a partner, guided by a
    lecturer of that partner who logs in as ``<kota>.mentor``."""

    partner: str
    mentor_name: str
    start: dt.date
    end: dt.date
    goals: str
    weeks: tuple[str, ...]  # what the intern wrote in the logbook, one entry a week


@dataclass(frozen=True)
class CourseStory:
    """An e-learning course with a final quiz in the instansi's LMS, followed by the staff of
    one unit who are not in the program's batch (they get their own ASN accounts)."""

    program: str  # catalogue code the course belongs to
    title: str
    description: str
    unit: str  # Unit.nama of the learners
    learners: int
    modules: tuple[tuple[str, str], ...]  # (title, text)
    questions: tuple[tuple[str, tuple[str, ...], int], ...]  # (text, options, correct index)


@dataclass(frozen=True)
class ClaimStory:
    """External learning the region's ASN login claims with its certificate."""

    title: str
    organiser: str
    start: dt.date
    end: dt.date
    form: str  # DevelopmentForm.kode
    units: str


@dataclass(frozen=True)
class DeliverySpec:
    slug: str
    partners: tuple[PartnerSpec, ...]
    mitra_partner: str  # the partner the ``<kota>.mitra`` login works for
    venues: tuple[VenueSpec, ...]
    trainers: tuple[TrainerSpec, ...]
    programs: dict[str, ProgramDelivery]
    # Programs one of whose batches is moved to December, still ahead: the first of them the
    # plan gave a batch (a preference list, so that a change of the plan keeps one ahead).
    upcoming: tuple[str, ...]
    signatory: tuple[str, str]  # who signs the certificates: name, title
    action_plan: str  # what the ASN login will apply at work after their first training
    learning: tuple[LearningStory, ...] = ()
    internship: InternshipStory | None = None
    course: CourseStory | None = None
    claim: ClaimStory | None = None
    revoke: str = ""  # reason to revoke one certificate of the region, if any
    default_reaction: ReactionProfile = field(default_factory=ReactionProfile)
