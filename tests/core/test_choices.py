"""get_<field>_display() through slt.core.choices.QuickChoiceDisplay: the same label as Django's, in the active
language, for every choice; the stored value itself when it is not a choice."""

from django.db import models
from django.utils import translation

from coordination.models import ActionItem, Concern, ConcernCategory
from slt.core.choices import QuickChoiceDisplay


def _django_display(record, name):
    return models.Model._get_FIELD_display(record, record._meta.get_field(name))


def test_every_choice_reads_as_django_would_in_both_languages():
    cases = [
        (Concern(), ["status", "risk_level", "gender", "age_band"]),
        (ConcernCategory(), ["category"]),
        (ActionItem(), ["status", "source"]),
    ]
    for language in ("nb", "en"):
        with translation.override(language):
            for record, names in cases:
                for name in names:
                    for value, _label in record._meta.get_field(name).flatchoices:
                        setattr(record, name, value)
                        assert getattr(record, f"get_{name}_display")() == _django_display(record, name)


def test_the_label_follows_the_language():
    concern = Concern(status=Concern.Status.CLOSED)
    with translation.override("nb"):
        norwegian = concern.get_status_display()
    with translation.override("en"):
        english = concern.get_status_display()
    assert norwegian != english and english == "Closed"


def test_a_value_that_is_not_a_choice_reads_as_itself():
    concern = Concern(status="gone")
    assert concern.get_status_display() == "gone"
    assert isinstance(concern.get_status_display(), str)


def test_the_list_models_use_it():
    assert issubclass(Concern, QuickChoiceDisplay) and issubclass(ConcernCategory, QuickChoiceDisplay)
    assert issubclass(ActionItem, QuickChoiceDisplay)
