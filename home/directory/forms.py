"""The coordinator's form recording a change of an association's status (admin, "Membership history")."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from . import membership
from .models import Association, MembershipStatus, observer_year_end


class StatusChangeForm(forms.Form):
    """New status from a date; for an observer, the end of its year (one year later when left empty)."""

    status = forms.ChoiceField(label=_("New status"), choices=MembershipStatus.choices)
    starts_on = forms.DateField(label=_("From"), widget=AdminDateInput)
    until = forms.DateField(
        label=_("End of the observer year"),
        required=False,
        widget=AdminDateInput,
        help_text=_("For an observer only. Empty: one year after the start."),
    )
    note_fr = forms.CharField(label=_("Note (French)"), max_length=300, required=False)
    note_en = forms.CharField(label=_("Note (English)"), max_length=300, required=False)

    def __init__(self, *args, association: Association, **kwargs):
        self.association = association
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        status, starts_on, until = cleaned.get("status"), cleaned.get("starts_on"), cleaned.get("until")
        current = membership.current_period(self.association)
        if starts_on and current is not None and current.starts_on and starts_on < current.starts_on:
            self.add_error(
                "starts_on",
                _("The new status cannot start before the current one (%(date)s).")
                % {"date": date_format(current.starts_on, "DATE_FORMAT")},
            )
        if until and status and status != MembershipStatus.OBSERVER:
            self.add_error("until", _("Only an observer has an observer year: leave this empty."))
        elif until and starts_on and until <= starts_on:
            self.add_error("until", _("The observer year must end after it starts."))
        return cleaned

    def save(self, user):
        data = self.cleaned_data
        details = {"user": user, "note_fr": data["note_fr"], "note_en": data["note_en"]}
        status, starts_on = data["status"], data["starts_on"]
        if status == MembershipStatus.OBSERVER:
            until = data["until"] or observer_year_end(starts_on)
            return membership.record_status(self.association, status, starts_on, until=until, **details)
        if status == MembershipStatus.MEMBER:
            return membership.admit(self.association, starts_on, **details)
        return membership.end_membership(self.association, starts_on, **details)
