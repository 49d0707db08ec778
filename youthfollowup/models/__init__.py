"""Youth follow-up models, one module per subdomain; import them from here."""

from .cases import FOLLOW_UP_INTERVAL_DAYS, MAX_AGE, MIN_AGE, PERIOD_ENDING_SOON_DAYS, CaseCounter, YouthCase
from .follow_up import Breach, DrugTest, FollowUpMeeting, ProgressNote, Reaction
from .plans import MeasureKind, PlanMeasure, PlanMeeting, YouthPlan
from .referral import (
    Consent,
    ConsentMethod,
    DecisionOutcome,
    Guardian,
    GuardianRelation,
    MaxPenalty,
    Offence,
    ProsecutorDecision,
)
from .team import TeamFunction, TeamMember

__all__ = [
    "FOLLOW_UP_INTERVAL_DAYS",
    "MAX_AGE",
    "MIN_AGE",
    "PERIOD_ENDING_SOON_DAYS",
    "Breach",
    "CaseCounter",
    "Consent",
    "ConsentMethod",
    "DecisionOutcome",
    "DrugTest",
    "FollowUpMeeting",
    "Guardian",
    "GuardianRelation",
    "MaxPenalty",
    "MeasureKind",
    "Offence",
    "PlanMeasure",
    "PlanMeeting",
    "ProgressNote",
    "ProsecutorDecision",
    "Reaction",
    "TeamFunction",
    "TeamMember",
    "YouthCase",
    "YouthPlan",
]
