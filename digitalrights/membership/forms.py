"""The forms officials fill in."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from digitalrights.cities.forms import language_choices
from digitalrights.cities.models import City
from digitalrights.cities.services import logo_check
from digitalrights.core.forms import DeliverableEmailField, SiteForm

MAX_DESCRIPTION = 2000


class CitySearchForm(SiteForm):
    q = forms.CharField(
        label=_("City name"),
        help_text=_("Any spelling will do: 'Wien' and 'Vienna' find the same city."),
        max_length=100,
        required=False,
    )


class RepresentationRequestForm(SiteForm):
    city = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    role = forms.CharField(
        label=_("Your role at the city"),
        help_text=_(
            "Your job title and department, so that the secretariat can check"
            " that you work for the city (for example 'Chief Technology Officer,"
            " Digital Office')."
        ),
        max_length=200,
    )

    def clean_city(self) -> City:
        city = City.objects.filter(geonameid=self.cleaned_data["city"]).first()
        if city is None:
            raise ValidationError(
                _("We cannot find this city. Please search for it again."),
                code="unknown_city",
            )
        return city


class CityProfileForm(SiteForm):
    """A city's public profile, with a description in each shipped language."""

    website = forms.URLField(
        label=_("Website"),
        help_text=_("The city's own page on its digital rights work, if any."),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
    contact_email = DeliverableEmailField(
        label=_("Public contact address"),
        help_text=_(
            "An address residents may write to, such as the digital office's."
            " It is shown on the city's page, so do not give a personal one."
        ),
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        help_text=_(
            "The languages the city serves its residents in. Hold Ctrl (or"
            " Command) to choose more than one."
        ),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("PNG, JPEG or WebP, up to 1 MB and 4000 pixels."),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    logo_alt = forms.CharField(
        label=_("What the logo shows"),
        help_text=_(
            "For people who cannot see it, for example 'Coat of arms of Porto'."
        ),
        max_length=200,
        required=False,
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args, has_logo: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.has_logo = has_logo
        if not has_logo:
            del self.fields["remove_logo"]
        for code, _name in settings.LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)")
                % {"language": get_language_info(code)["name_translated"]},
                help_text=_(
                    "A few sentences on the city's digital rights work, up to"
                    " 2,000 characters. Leave empty if you do not write in this"
                    " language; visitors then read the English one."
                ),
                max_length=MAX_DESCRIPTION,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5, "lang": code}),
            )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            logo_check(logo)
        return logo

    def clean(self):
        data = super().clean()
        keeps_logo = self.has_logo and not data.get("remove_logo")
        if (
            (data.get("logo") or keeps_logo)
            and "logo_alt" not in self.errors
            and not (data.get("logo_alt") or "").strip()
        ):
            self.add_error(
                "logo_alt",
                _("Say what the logo shows, for people who cannot see it."),
            )
        return data

    def descriptions(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"description_{code}", "")
            for code, _name in settings.LANGUAGES
        }

    def description_fields(self):
        return [self[f"description_{code}"] for code, _name in settings.LANGUAGES]


class ApplicationForm(SiteForm):
    """The application: the commitment, the signatory, contacts, and per
    action of the checklist a status, a note, evidence links and files."""

    commitment = forms.CharField(
        label=_("The city's commitment"),
        help_text=_(
            "How the city commits to the declaration and its five principles,"
            " for example the council decision that backs it, with its date."
        ),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    signatory_name = forms.CharField(
        label=_("Signatory's name"),
        help_text=_("Who signs the declaration for the city."),
        max_length=200,
        required=False,
    )
    signatory_role = forms.CharField(
        label=_("Signatory's role"),
        help_text=_("For example 'Mayor' or 'Deputy Mayor for Digital Affairs'."),
        max_length=200,
        required=False,
    )
    contacts = forms.CharField(
        label=_("Contacts"),
        help_text=_(
            "Who the secretariat may contact about the application: names,"
            " roles and work addresses. Only the secretariat sees them."
        ),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The draft's version when the page was opened (services.DraftChanged).
    saved_version = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64
    )
    declaration = forms.FileField(
        label=_("The signed declaration"),
        help_text=_("PDF, ODT or DOCX, up to %(size)s MB.")
        % {"size": settings.APPLICATION_DOCUMENT_MAX_MB},
        required=False,
    )

    def __init__(self, *args, actions=(), documents=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .models import AnswerStatus

        self.actions = list(actions)
        self.documents = list(documents)
        for action in self.actions:
            key = action.key
            self.fields[f"status_{key}"] = forms.ChoiceField(
                label=_("Where the city stands"),
                choices=AnswerStatus.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Note"),
                help_text=_("What the city does or plans, in a few sentences."),
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"links_{key}"] = forms.CharField(
                label=_("Evidence links"),
                help_text=_(
                    "Web addresses of policies, decisions or projects, one per line."
                ),
                max_length=3000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"file_{key}"] = forms.FileField(
                label=_("Evidence document"),
                help_text=_("PDF, ODT or DOCX, up to %(size)s MB.")
                % {"size": settings.APPLICATION_DOCUMENT_MAX_MB},
                required=False,
            )
        if self.documents:
            self.fields["remove_documents"] = forms.TypedMultipleChoiceField(
                label=_("Remove these documents when saving"),
                choices=[(str(d.pk), d.name) for d in self.documents],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def _check_file(self, name: str) -> None:
        from .documents import document_check

        upload = self.cleaned_data.get(name)
        if upload:
            try:
                document_check(upload)
            except ValidationError as error:
                self.add_error(name, error)

    def _check_links(self, name: str) -> None:
        from .services import evidence_links_clean

        try:
            evidence_links_clean((self.cleaned_data.get(name) or "").splitlines())
        except ValidationError as error:
            self.add_error(name, error)

    def clean(self):
        data = super().clean()
        self._check_file("declaration")
        for action in self.actions:
            self._check_file(f"file_{action.key}")
            self._check_links(f"links_{action.key}")
        return data

    def sections(self):
        """Return (principle, [(action, fields...)]) for the template."""
        groups: dict = {}
        for action in self.actions:
            groups.setdefault(action.principle, []).append(
                {
                    "action": action,
                    "status": self[f"status_{action.key}"],
                    "note": self[f"note_{action.key}"],
                    "links": self[f"links_{action.key}"],
                    "file": self[f"file_{action.key}"],
                    "documents": [
                        d
                        for d in self.documents
                        if d.answer and d.answer.action_key == action.key
                    ],
                }
            )
        return sorted(groups.items())

    def application_data(self):
        from .services import AnswerData, ApplicationData

        data = self.cleaned_data
        return ApplicationData(
            commitment=data.get("commitment", ""),
            signatory_name=data.get("signatory_name", ""),
            signatory_role=data.get("signatory_role", ""),
            contacts=data.get("contacts", ""),
            answers={
                action.key: AnswerData(
                    status=data.get(f"status_{action.key}", ""),
                    note=data.get(f"note_{action.key}", ""),
                    links=data.get(f"links_{action.key}", "").splitlines(),
                )
                for action in self.actions
            },
        )

    def uploads(self):
        """Return (action key or "", upload) for every file chosen."""
        chosen = []
        if self.cleaned_data.get("declaration"):
            chosen.append(("", self.cleaned_data["declaration"]))
        for action in self.actions:
            upload = self.cleaned_data.get(f"file_{action.key}")
            if upload:
                chosen.append((action.key, upload))
        return chosen


class MessageForm(SiteForm):
    message = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReasonForm(SiteForm):
    reason = forms.CharField(
        label=_("Why (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
