"""Forms of the member area; every error is translated and shown next to its field."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.forms import ClusterForm
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images import get_image_model

from home.core.text import paragraphs, plain_to_rich_text, rich_text_to_plain, validate_one_line
from home.core.uploads import validate_document, validate_image
from home.models import Association, AssociationReport, ReportVisibility, Topic

from .adapters import TOO_MANY_ATTEMPTS_FROM_ADDRESS, TOO_MANY_ATTEMPTS_ON_ACCOUNT
from .models import PROGRESS_NOTE_MAX_LENGTH, locked_message
from .permissions import representation_refusal

REPORT_FORMATS = {"pdf", "odt", "docx"}
FIRST_REPORT_YEAR = 1990
MAX_LOGO_SIZE = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4_000_000
LOGO_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})


class LoginForm(AllauthLoginForm):
    """allauth's login form (ACCOUNT_FORMS), which knows when to offer a login by emailed code."""

    @property
    def offers_login_code(self) -> bool:
        """After too many failed attempts (from this address or on this account): see extranet/adapters.py."""
        return any(
            self.has_error(NON_FIELD_ERRORS, code)
            for code in (TOO_MANY_ATTEMPTS_FROM_ADDRESS, TOO_MANY_ATTEMPTS_ON_ACCOUNT)
        )


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not too common, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("The two passwords differ."), code="password_mismatch")
        if password2:
            user = get_user_model()(username=self.email, email=self.email)
            password_validation.validate_password(password2, user)
        return password2


class ProfileForm(ClusterForm):
    """The association's public profile, French and English side by side."""

    description_fr = forms.CharField(label=_("Description (French)"), widget=forms.Textarea(attrs={"rows": 8}))
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    network_description_fr = forms.CharField(
        label=_("Network presentation (French)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    network_description_en = forms.CharField(
        label=_("Network presentation (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    new_logo = forms.ImageField(label=_("New logo"), required=False, help_text=_("PNG, JPEG or WebP, 2 MB at most."))

    class Meta:
        model = Association
        fields = [
            "summary_fr",
            "summary_en",
            "description_fr",
            "description_en",
            "website_fr",
            "website_en",
            "network_name",
            "network_url",
            "network_description_fr",
            "network_description_en",
            "fields_of_action",
        ]
        labels = {"network_name": _("Name of the network"), "network_url": _("Website of the network")}
        formsets = {
            "contacts": {
                "fields": ["name", "role_fr", "role_en", "email", "phone", "is_public"],
                "extra": 1,
                "can_delete": True,
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["description_fr"] = rich_text_to_plain(self.instance.description_fr)
            self.initial["description_en"] = rich_text_to_plain(self.instance.description_en)
        fields_of_action = self.fields["fields_of_action"]
        fields_of_action.label_from_instance = lambda topic: str(topic.name)

    def clean_description_fr(self):
        return plain_to_rich_text(self.cleaned_data["description_fr"])

    def clean_description_en(self):
        return plain_to_rich_text(self.cleaned_data["description_en"])

    def clean_new_logo(self):
        logo = self.cleaned_data.get("new_logo")
        if not logo:
            return None
        # The one image check of every upload path (content, size, pixels), with the logo's limits.
        validate_image(logo, formats=LOGO_FORMATS, max_size=MAX_LOGO_SIZE, max_pixels=MAX_LOGO_PIXELS)
        return logo

    def save_logo(self, user):
        """Store a new logo as a Wagtail image and attach it to the edited profile."""
        logo = self.cleaned_data.get("new_logo")
        if not logo:
            return
        Image = get_image_model()
        image = Image(title=f"{self.instance.name} — logo", uploaded_by_user=user)
        image.file = logo
        image.save()
        self.instance.logo = image


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    title_fr = forms.CharField(label=_("Title (French)"), max_length=255, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=ReportVisibility.choices,
        initial=ReportVisibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, ODT or DOCX, 20 MB at most."))

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not FIRST_REPORT_YEAR <= year <= this_year:
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s.") % {"first": FIRST_REPORT_YEAR, "last": this_year},
                code="bad_year",
            )
        return year

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_document(uploaded, REPORT_FORMATS)
        return uploaded


class ReportTitlesForm(forms.ModelForm):
    """A report's title in both languages, corrected by its association (published once approved)."""

    class Meta:
        model = AssociationReport
        fields = ["title_fr", "title_en"]
        labels = {"title_fr": _("Title (French)"), "title_en": _("Title (English)")}


class DeclarationProposalForm(forms.Form):
    """A declaration proposed by an association: French texts required, English ones optional."""

    title_fr = forms.CharField(label=_("Title (French)"), max_length=255)
    summary_fr = forms.CharField(label=_("Summary (French)"), max_length=600, widget=forms.Textarea(attrs={"rows": 4}))
    text_fr = forms.CharField(label=_("Text (French)"), widget=forms.Textarea(attrs={"rows": 14}))
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    summary_en = forms.CharField(
        label=_("Summary (English)"), max_length=600, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 14}), required=False)
    document = forms.FileField(label=_("Document"), required=False, help_text=_("PDF, ODT or DOCX, 20 MB at most."))
    external_url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For instance the page of the declaration on a partner's website."),
    )

    def clean_document(self):
        uploaded = self.cleaned_data.get("document")
        if not uploaded:
            return None
        validate_document(uploaded, REPORT_FORMATS)
        return uploaded

    def clean(self):
        """The English version is all or nothing: published with the French once approved, it needs
        its title, summary and text."""
        cleaned = super().clean()
        english = ("title_en", "summary_en", "text_en")
        if not any((cleaned.get(name) or "").strip() for name in english):
            return cleaned
        for name in english:
            if not (cleaned.get(name) or "").strip() and name not in self.errors:
                self.add_error(name, _("Give the English title, summary and text together, or none of them."))
        # The translation pairs each English paragraph with a French one.
        for name in ("summary", "text"):
            french, english_text = cleaned.get(f"{name}_fr"), (cleaned.get(f"{name}_en") or "")
            count = len(paragraphs(french or ""))
            if french and english_text.strip() and len(paragraphs(english_text)) != count:
                message = ngettext(
                    "The French version has %(count)d paragraph: give the English one as many, each translating one.",
                    "The French version has %(count)d paragraphs: give the English one as many, each translating one.",
                    count,
                )
                self.add_error(f"{name}_en", message % {"count": count})
        return cleaned


class AttendanceForm(forms.Form):
    """Whether the association comes to a meeting, and who (required when it comes)."""

    ANSWERS = (("yes", _("Yes, we will attend")), ("no", _("No, we will not attend")))

    attends = forms.ChoiceField(label=_("Will your association attend?"), choices=ANSWERS, widget=forms.RadioSelect)
    people = forms.CharField(
        label=_("Who will come"),
        max_length=255,
        required=False,
        validators=[validate_one_line],
        help_text=_("Names of the people who will come, on one line."),
    )

    def __init__(self, *args, association: Association, attendance=None, **kwargs):
        if attendance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"attends": "yes" if attendance.attends else "no", "people": attendance.people}
        kwargs.setdefault("prefix", f"attendance-{association.pk}")
        super().__init__(*args, **kwargs)
        self.association = association

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attends") == "yes" and not (cleaned.get("people") or "").strip():
            self.add_error("people", _("Please say who will come."))
        return cleaned


# --- Follow-up actions ---------------------------------------------------------------------

NOTE_TOO_LONG = _("Keep the note to %(limit_value)d characters at most (it has %(show_value)d).")


class ActionDoneForm(forms.Form):
    """Marking a follow-up action done, with an optional short progress note (English optional)."""

    note_fr = forms.CharField(
        label=_("Progress note (French)"),
        max_length=PROGRESS_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": NOTE_TOO_LONG},
    )
    note_en = forms.CharField(
        label=_("Progress note (English)"),
        max_length=PROGRESS_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": NOTE_TOO_LONG},
    )

    @staticmethod
    def prefix_for(action) -> str:
        """Each action's form on the dashboard has its own field names and ids."""
        return f"action-{action.pk}"


# --- Signing in the association's name ---------------------------------------------------------


class SignForAssociationForm(forms.Form):
    """The explicit confirmation before an association's name goes on a declaration."""

    confirm = forms.BooleanField(error_messages={"required": _("Tick the box to confirm: nothing was signed.")})

    def __init__(self, *args, association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _(
            "I sign this declaration in the name of %(association)s, and its name will be shown publicly."
        ) % {"association": association.name}


# --- Admin ---------------------------------------------------------------------------------------


class MeetingAdminForm(WagtailAdminModelForm):
    """A meeting in the Wagtail admin: a delegation speaks in the collective's name, so only
    associations that may represent it (``permissions.may_represent_collective``) sit in one."""

    def clean_delegation(self):
        delegation = self.cleaned_data.get("delegation")
        refusals = [representation_refusal(association) for association in delegation or []]
        refusals = [refusal for refusal in refusals if refusal]
        if refusals:
            raise forms.ValidationError(
                [_("Only member associations represent the collective in a delegation."), *refusals],
                code="not_representative",
            )
        return delegation


# --- Ballots (admin) ---------------------------------------------------------------------------


class BallotAdminForm(WagtailAdminModelForm):
    """The coordinator's ballot form: once an association has voted, its choices cannot change either
    (the model's ``clean`` refuses changes to the question and the rules)."""

    def clean(self):
        cleaned = super().clean()
        choices = self.formsets.get("choices")
        if self.instance.is_locked and choices is not None and choices.has_changed():
            raise forms.ValidationError(locked_message(self.instance))
        return cleaned


class RoomResultForm(forms.Form):
    """The counts of a vote held in the room (a show of hands), one field per choice."""

    def __init__(self, *args, ballot, eligible: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot
        self.eligible = eligible
        self.choices = list(ballot.choices.all())
        for choice in self.choices:
            self.fields[f"choice_{choice.pk}"] = forms.IntegerField(label=str(choice.label), min_value=0, initial=0)

    def clean(self):
        cleaned = super().clean()
        total = sum(cleaned.get(f"choice_{choice.pk}") or 0 for choice in self.choices)
        eligible = self.eligible
        if total > eligible:
            raise forms.ValidationError(
                _("%(total)s votes for %(eligible)s eligible associations: one vote per association.")
                % {"total": total, "eligible": eligible}
            )
        return cleaned

    @property
    def counts(self) -> dict[int, int]:
        return {choice.pk: self.cleaned_data[f"choice_{choice.pk}"] for choice in self.choices}
