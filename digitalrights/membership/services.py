"""Operations that change membership data: each checks who may do it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import override as translation_override

from digitalrights.cities.models import City, CityProfile
from digitalrights.cities.services import city_profile_save
from digitalrights.core.emails import email_render, email_send_each

from .documents import document_check
from .models import (
    OPEN_APPLICATION,
    OPEN_STATUSES,
    Application,
    ApplicationAnswer,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationStatus,
    DocumentKind,
    EventKind,
    Representation,
    RepresentationStatus,
)
from .selectors import (
    application_access_for_official,
    checklist_actions,
    city_access_for_official,
    second_factor_check,
)


def secretariat_addresses() -> list[str]:
    """Return who hears of requests and applications.

    The address in Membership settings; without one, every active staff
    member who can decide on applications, so that nothing goes unread.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from .models import MembershipSettings

    address = MembershipSettings.load().notify_secretariat
    if address:
        return [address]
    staff = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="change_application")
            | Q(groups__permissions__codename="change_application")
        )
    )
    return sorted({user.email for user in staff if user.email})


def _notify(representation: Representation) -> None:
    from .tasks import notify_representation

    transaction.on_commit(
        lambda: notify_representation.enqueue(representation_id=representation.pk)
    )


def representation_request(
    *, user: AbstractBaseUser, city: City, role: str
) -> Representation:
    """Ask the secretariat to let ``user`` act for ``city``."""
    second_factor_check(user)
    role = role.strip()
    if not role:
        raise ValidationError({"role": _("Say what your role at the city is.")})
    if Representation.objects.filter(
        user=user, city=city, status__in=OPEN_STATUSES
    ).exists():
        raise ValidationError(
            _("You have already asked to represent %(city)s.") % {"city": city.name}
        )
    representation = Representation(
        user=user,
        city=city,
        role=role,
        language=get_language() or settings.LANGUAGE_CODE,
    )
    representation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            representation.save()
    except IntegrityError as error:
        # Two requests at once: the other one won.
        raise ValidationError(
            _("You have already asked to represent %(city)s.") % {"city": city.name}
        ) from error
    _notify(representation)
    return representation


def _staff_check(user: AbstractBaseUser) -> None:
    if not user.has_perm("membership.change_representation"):
        raise PermissionDenied(_("Only the secretariat can decide on this."))


def _decide(
    *,
    representation_id: int,
    by: AbstractBaseUser,
    allowed_from: Iterable[str],
    status: str,
    reason: str = "",
) -> Representation:
    with transaction.atomic():
        representation = (
            Representation.objects.select_for_update()
            .select_related("city", "user")
            .get(pk=representation_id)
        )
        if representation.status not in allowed_from:
            raise ValidationError(
                _("This request was already decided: it is %(status)s.")
                % {"status": representation.get_status_display().lower()}
            )
        representation.status = status
        representation.decided_at = timezone.now()
        representation.decided_by = by
        representation.reason = reason
        representation.save(
            update_fields=["status", "decided_at", "decided_by", "reason"]
        )
        _notify(representation)
    return representation


def representation_confirm(
    *, representation_id: int, by: AbstractBaseUser
) -> Representation:
    """Let the person act for the city (the secretariat only)."""
    _staff_check(by)
    return _decide(
        representation_id=representation_id,
        by=by,
        allowed_from=[RepresentationStatus.REQUESTED],
        status=RepresentationStatus.CONFIRMED,
    )


def representation_decline(
    *, representation_id: int, by: AbstractBaseUser, reason: str
) -> Representation:
    """Refuse a request, saying why (the secretariat only)."""
    _staff_check(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why, so that the person can put it right.")}
        )
    return _decide(
        representation_id=representation_id,
        by=by,
        allowed_from=[RepresentationStatus.REQUESTED],
        status=RepresentationStatus.DECLINED,
        reason=reason,
    )


def representation_end(
    *, representation_id: int, by: AbstractBaseUser, reason: str = ""
) -> Representation:
    """End a link: its person withdraws, or the secretariat ends it."""
    owner = Representation.objects.filter(pk=representation_id, user=by).exists()
    if not owner:
        _staff_check(by)
    return _decide(
        representation_id=representation_id,
        by=by,
        allowed_from=OPEN_STATUSES,
        status=RepresentationStatus.ENDED,
        reason=reason.strip(),
    )


def city_profile_update(
    *,
    user: AbstractBaseUser,
    geonameid: int,
    website: str = "",
    contact_email: str = "",
    languages: Iterable[str] = (),
    descriptions: dict[str, str] | None = None,
    logo: UploadedFile | None = None,
    logo_alt: str = "",
    remove_logo: bool = False,
) -> CityProfile:
    """Change a city's public profile, as one of its confirmed officials."""
    city = city_access_for_official(user=user, geonameid=geonameid)
    return city_profile_save(
        city=city,
        website=website,
        contact_email=contact_email,
        languages=languages,
        descriptions=descriptions,
        logo=logo,
        logo_alt=logo_alt,
        remove_logo=remove_logo,
        by=user,
    )


def representation_notify(*, representation_id: int) -> bool:
    """Email what changed: the secretariat of a request, the person of a decision.

    The row stays locked while the email goes out and is marked sent only
    after: a failed send leaves it due (``notifications_resend`` tries again)
    and a retried task sends nothing twice. Return whether an email went out.
    """
    from django.urls import reverse, reverse_lazy
    from django.utils.text import format_lazy

    with transaction.atomic():
        representation = (
            Representation.objects.select_for_update()
            .select_related("city", "user")
            .filter(pk=representation_id)
            .first()
        )
        if (
            representation is None
            or representation.notified_status == representation.status
        ):
            return False
        representation.notified_status = representation.status
        site = settings.SITE_URL.rstrip("/")
        context = {
            "representation": representation,
            "city_name": representation.city.name,
            "dashboard_url": format_lazy(
                "{}{}", site, reverse_lazy("membership:dashboard")
            ),
        }
        if representation.status == RepresentationStatus.REQUESTED:
            recipients = secretariat_addresses()
            language = settings.LANGUAGE_CODE
            context["admin_url"] = site + reverse("membership_representations")
        else:
            recipients = [representation.user.email]
            language = representation.language
        if recipients:
            template = f"membership/email/representation_{representation.status}"
            email_render(template, context, language, recipients).send()
        # Without anyone to tell (no secretariat address), nothing is due.
        representation.save(update_fields=["notified_status"])
    return bool(recipients)


# Applications ----------------------------------------------------------------


MAX_LINKS = 10


@dataclass
class AnswerData:
    status: str = ""
    note: str = ""
    links: list[str] = field(default_factory=list)


@dataclass
class ApplicationData:
    commitment: str = ""
    signatory_name: str = ""
    signatory_role: str = ""
    contacts: str = ""
    answers: dict[str, AnswerData] = field(default_factory=dict)


def _record(
    application: Application,
    *,
    kind: str,
    by: AbstractBaseUser | None,
    by_secretariat: bool,
    message: str = "",
    from_status: str = "",
    to_status: str = "",
    notify: bool = True,
) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        actor=by,
        by_secretariat=by_secretariat,
        message=message,
        from_status=from_status,
        to_status=to_status,
    )
    # Starting a draft concerns nobody else yet.
    if not notify or (
        kind == EventKind.TRANSITION and to_status == ApplicationStatus.DRAFT
    ):
        event.notified_at = event.at
        event.save(update_fields=["notified_at"])
    else:
        from .tasks import notify_application_event

        transaction.on_commit(
            lambda: notify_application_event.enqueue(event_id=event.pk)
        )
    return event


def _transition(
    application: Application,
    *,
    to: str,
    allowed_from: Iterable[str],
    by: AbstractBaseUser,
    by_secretariat: bool,
    message: str = "",
    notify: bool = True,
) -> Application:
    """Move a locked application to ``to`` and write it on the timeline."""
    if application.status not in allowed_from:
        raise ValidationError(
            _(
                "This application is %(status)s now, so this cannot be done."
                " Reload the page to see where it stands."
            )
            % {"status": application.get_status_display().lower()}
        )
    before = application.status
    application.status = to
    now = timezone.now()
    fields = ["status", "updated_at"]
    if to == ApplicationStatus.SUBMITTED:
        application.submitted_at = now
        fields.append("submitted_at")
    if to in (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED):
        application.decided_at = now
        fields.append("decided_at")
    application.save(update_fields=fields)
    _record(
        application,
        kind=EventKind.TRANSITION,
        by=by,
        by_secretariat=by_secretariat,
        message=message,
        from_status=before,
        to_status=to,
        notify=notify,
    )
    return application


def _locked(application_id: int) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("city")
        .get(pk=application_id)
    )


def application_start(*, user: AbstractBaseUser, geonameid: int) -> Application:
    """Open a draft application for a city the official represents.

    If the city already has an open application, return it instead.
    """
    from digitalrights.cities.models import MemberStatus

    city = city_access_for_official(user=user, geonameid=geonameid)
    member = getattr(city, "membership", None)
    if member is not None and member.status == MemberStatus.ACTIVE:
        raise ValidationError(
            _("%(city)s is already a member of the coalition.") % {"city": city.name}
        )
    with transaction.atomic():
        City.objects.select_for_update().filter(pk=city.pk).first()
        existing = Application.objects.filter(
            city=city, status__in=OPEN_APPLICATION
        ).first()
        if existing is not None:
            return existing
        last = Application.objects.filter(city=city).order_by("-version").first()
        application = Application.objects.create(
            city=city, created_by=user, version=(last.version + 1) if last else 1
        )
        _record(
            application,
            kind=EventKind.TRANSITION,
            by=user,
            by_secretariat=False,
            to_status=ApplicationStatus.DRAFT,
        )
    return application


def evidence_links_clean(links: Iterable[str]) -> list[str]:
    """Return the evidence links given, or name every one that is wrong.

    Blank lines are dropped; each link must be an http(s) address, and an
    answer has at most MAX_LINKS. The form shows the error beside its field.
    """
    from django.core.validators import URLValidator

    validate = URLValidator(schemes=["http", "https"])
    cleaned = [link.strip() for link in links if link.strip()]
    wrong = []
    for link in cleaned:
        try:
            validate(link)
        except ValidationError:
            wrong.append(link[:100])
    if wrong:
        raise ValidationError(
            _(
                "These are not web addresses starting with http:// or"
                " https://: %(links)s."
            )
            % {"links": ", ".join(f"“{link}”" for link in wrong)},
            code="not_a_link",
        )
    if len(cleaned) > MAX_LINKS:
        raise ValidationError(
            _("Give at most %(count)s links.") % {"count": MAX_LINKS},
            code="too_many_links",
        )
    return cleaned


class DraftChanged(ValidationError):
    """Someone saved the draft after the person opened it."""


def application_version(application: Application) -> str:
    """Return a token that changes whenever the application is saved."""
    return application.updated_at.isoformat() if application.updated_at else ""


def application_save(
    *,
    user: AbstractBaseUser,
    application_id: int,
    data: ApplicationData,
    expected_version: str = "",
) -> Application:
    """Save a draft as typed: nothing needs to be complete until submission.

    With ``expected_version`` (the token of the draft as the person opened
    it), refuse with DraftChanged if someone saved it since: two officials
    editing one draft must not silently overwrite each other.
    """
    actions = checklist_actions()
    with transaction.atomic():
        application = application_access_for_official(
            user=user, application_id=application_id, lock=True
        )
        if not application.is_editable:
            raise ValidationError(
                _(
                    "This application was submitted and can no longer change."
                    " Make a new version to change it."
                )
            )
        if expected_version and expected_version != application_version(application):
            raise DraftChanged(
                _(
                    "Someone else saved this draft after you opened it. What you"
                    " typed is below, not saved: compare it with theirs (open the"
                    " page in another tab), then save again to keep yours."
                ),
                code="draft_changed",
            )
        application.commitment = data.commitment.strip()
        application.signatory_name = data.signatory_name.strip()
        application.signatory_role = data.signatory_role.strip()
        application.contacts = data.contacts.strip()
        application.full_clean(exclude=["city", "replaces", "created_by"])
        application.save()
        for key, answer_data in data.answers.items():
            action = actions.get(key)
            if action is None:
                continue  # an action removed from the checklist meanwhile
            answer = ApplicationAnswer(
                application=application,
                action_key=key,
                action_title=action.title,
                principle=action.principle,
                status=answer_data.status,
                note=answer_data.note.strip(),
                evidence_links=evidence_links_clean(answer_data.links),
            )
            answer.full_clean(exclude=["application"], validate_unique=False)
            ApplicationAnswer.objects.update_or_create(
                application=application,
                action_key=key,
                defaults={
                    "action_title": answer.action_title,
                    "principle": answer.principle,
                    "status": answer.status,
                    "note": answer.note,
                    "evidence_links": answer.evidence_links,
                },
            )
    return application


def application_document_add(
    *,
    user: AbstractBaseUser,
    application_id: int,
    upload: UploadedFile,
    kind: str = DocumentKind.EVIDENCE,
    action_key: str = "",
) -> ApplicationDocument:
    """Attach a PDF, ODT or DOCX file to a draft (checked by its content)."""
    content_type, extension = document_check(upload)
    original = (upload.name or "document").rsplit("/", 1)[-1][:150]
    with transaction.atomic():
        application = application_access_for_official(
            user=user, application_id=application_id, lock=True
        )
        if not application.is_editable:
            raise ValidationError(
                _("Documents can only be added to a draft application.")
            )
        answer = None
        if kind == DocumentKind.EVIDENCE:
            action = checklist_actions().get(action_key)
            if action is None:
                raise ValidationError(
                    _("Choose which action of the checklist this document supports.")
                )
            answer, _created = ApplicationAnswer.objects.get_or_create(
                application=application,
                action_key=action.key,
                defaults={"action_title": action.title, "principle": action.principle},
            )
        elif kind != DocumentKind.SIGNED_DECLARATION:
            raise ValidationError(_("Unknown kind of document."))
        upload.name = f"document.{extension}"
        document = ApplicationDocument(
            application=application,
            answer=answer,
            kind=kind,
            name=original
            if original.lower().endswith(f".{extension}")
            else f"{original}.{extension}",
            content_type=content_type,
            size=upload.size,
            uploaded_by=user,
        )
        document.file = upload
        document.save()
    return document


def application_document_remove(*, user: AbstractBaseUser, document_id: int) -> None:
    """Take a document off a draft; its file goes once nothing refers to it."""
    document = (
        ApplicationDocument.objects.select_related("application")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise ValidationError(_("This document no longer exists."))
    with transaction.atomic():
        application = application_access_for_official(
            user=user, application_id=document.application_id, lock=True
        )
        if not application.is_editable:
            raise ValidationError(
                _("Documents can only be removed from a draft application.")
            )
        name = document.file.name
        storage = document.file.storage
        document.delete()
        if not ApplicationDocument.objects.filter(file=name).exists():
            transaction.on_commit(lambda: storage.delete(name))


def application_missing(application: Application) -> list[str]:
    """Return what still stops a draft from being submitted, in words."""
    missing = []
    answers = {a.action_key: a for a in application.answers.all()}
    for action in checklist_actions().values():
        answer = answers.get(action.key)
        if answer is None or not answer.status:
            missing.append(
                _("Say where the city stands on “%(action)s”.")
                % {"action": action.title}
            )
    if not application.commitment:
        missing.append(_("Write the city's commitment."))
    if not application.signatory_name or not application.signatory_role:
        missing.append(_("Give the signatory's name and role."))
    if not application.contacts:
        missing.append(_("Give at least one contact."))
    if not application.documents.filter(kind=DocumentKind.SIGNED_DECLARATION).exists():
        missing.append(_("Upload the signed declaration."))
    return missing


def application_submit(*, user: AbstractBaseUser, application_id: int) -> Application:
    """Send a complete draft to the secretariat; from now on it is frozen."""
    with transaction.atomic():
        application = application_access_for_official(
            user=user, application_id=application_id, lock=True
        )
        if application.status == ApplicationStatus.DRAFT:
            missing = application_missing(application)
            if missing:
                raise ValidationError(missing)
        return _transition(
            application,
            to=ApplicationStatus.SUBMITTED,
            allowed_from=[ApplicationStatus.DRAFT],
            by=user,
            by_secretariat=False,
        )


def application_withdraw(
    *, user: AbstractBaseUser, application_id: int, reason: str = ""
) -> Application:
    """Withdraw the city's open application (its officials only)."""
    with transaction.atomic():
        application = application_access_for_official(
            user=user, application_id=application_id, lock=True
        )
        return _transition(
            application,
            to=ApplicationStatus.WITHDRAWN,
            allowed_from=OPEN_APPLICATION,
            by=user,
            by_secretariat=False,
            message=reason.strip(),
        )


def application_new_version(
    *, user: AbstractBaseUser, application_id: int
) -> Application:
    """Replace a submitted application with an editable copy of it."""
    with transaction.atomic():
        old = application_access_for_official(
            user=user, application_id=application_id, lock=True
        )
        if old.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW):
            raise ValidationError(
                _("Only a submitted application can be replaced by a new version.")
            )
        _transition(
            old,
            to=ApplicationStatus.WITHDRAWN,
            allowed_from=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW],
            by=user,
            by_secretariat=False,
            message=_("Replaced by version %(version)s.")
            % {"version": old.version + 1},
        )
        new = Application.objects.create(
            city=old.city,
            version=old.version + 1,
            replaces=old,
            commitment=old.commitment,
            signatory_name=old.signatory_name,
            signatory_role=old.signatory_role,
            contacts=old.contacts,
            created_by=user,
        )
        copies = {}
        for answer in old.answers.all():
            old_pk = answer.pk
            answer.pk = None
            answer.application = new
            answer.save()
            copies[old_pk] = answer
        for document in old.documents.all():
            document.pk = None
            document.application = new
            document.answer = copies.get(document.answer_id)
            document.save()
        _record(
            new,
            kind=EventKind.TRANSITION,
            by=user,
            by_secretariat=False,
            to_status=ApplicationStatus.DRAFT,
            message=_("A new version of version %(version)s.")
            % {"version": old.version},
        )
    return new


def application_reply(
    *, user: AbstractBaseUser, application_id: int, message: str
) -> ApplicationEvent:
    """Answer the secretariat's questions (the city's officials)."""
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write your answer.")})
    with transaction.atomic():
        application = application_access_for_official(
            user=user, application_id=application_id, lock=True
        )
        if application.status != ApplicationStatus.IN_REVIEW:
            raise ValidationError(
                _("Answers can be sent only while the application is in review.")
            )
        return _record(
            application,
            kind=EventKind.ANSWER,
            by=user,
            by_secretariat=False,
            message=message,
        )


def _review_check(user: AbstractBaseUser) -> None:
    if not user.has_perm("membership.change_application"):
        raise PermissionDenied(_("Only the secretariat can review applications."))


def application_review_start(
    *, by: AbstractBaseUser, application_id: int
) -> Application:
    """Take a submitted application into review (the secretariat)."""
    _review_check(by)
    with transaction.atomic():
        return _transition(
            _locked(application_id),
            to=ApplicationStatus.IN_REVIEW,
            allowed_from=[ApplicationStatus.SUBMITTED],
            by=by,
            by_secretariat=True,
        )


def application_ask(
    *, by: AbstractBaseUser, application_id: int, message: str
) -> ApplicationEvent:
    """Ask the city a question; a submitted application goes into review."""
    _review_check(by)
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write your question.")})
    with transaction.atomic():
        application = _locked(application_id)
        if application.status == ApplicationStatus.SUBMITTED:
            # The question's email says it all: no second one for the move.
            _transition(
                application,
                to=ApplicationStatus.IN_REVIEW,
                allowed_from=[ApplicationStatus.SUBMITTED],
                by=by,
                by_secretariat=True,
                notify=False,
            )
        elif application.status != ApplicationStatus.IN_REVIEW:
            raise ValidationError(
                _("Questions can be asked only of an application in review.")
            )
        return _record(
            application,
            kind=EventKind.QUESTION,
            by=by,
            by_secretariat=True,
            message=message,
        )


def application_decline(
    *, by: AbstractBaseUser, application_id: int, reason: str
) -> Application:
    """Decline an application, with the reasons the city will read."""
    _review_check(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"message": _("Give the reasons, for the city to read.")})
    with transaction.atomic():
        return _transition(
            _locked(application_id),
            to=ApplicationStatus.DECLINED,
            allowed_from=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW],
            by=by,
            by_secretariat=True,
            message=reason,
        )


def application_approve(
    *,
    by: AbstractBaseUser,
    application_id: int,
    joined_on: date | None = None,
    message: str = "",
) -> Application:
    """Approve: the city becomes a member, and a news item draft is prepared."""
    from digitalrights.cities.models import Member, MemberStatus

    _review_check(by)
    joined_on = joined_on or timezone.localdate()
    with transaction.atomic():
        application = _locked(application_id)
        _transition(
            application,
            to=ApplicationStatus.APPROVED,
            allowed_from=[ApplicationStatus.IN_REVIEW],
            by=by,
            by_secretariat=True,
            message=message.strip(),
        )
        member = Member.objects.filter(city=application.city).first() or Member(
            city=application.city
        )
        member.status = MemberStatus.ACTIVE
        member.joined_on = joined_on
        member.left_on = None
        member.signatory = ", ".join(
            part
            for part in (application.signatory_name, application.signatory_role)
            if part
        )
        member.full_clean()
        member.save()
        _news_draft(application, joined_on)
    return application


def _news_draft(application: Application, joined_on: date) -> None:
    """Prepare, unpublished, the news that a city joined."""
    from django.utils.text import slugify

    from digitalrights.content.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if index is None:
        return
    city = application.city.name
    with translation_override(settings.LANGUAGE_CODE):
        title = _("%(city)s joins the Cities for Digital Rights") % {"city": city}
        intro = _(
            "%(city)s has signed the declaration and joined the coalition of"
            " cities that protect digital rights."
        ) % {"city": city}
    slug = slugify(f"{city}-joins-{joined_on.year}")[:200] or "a-city-joins"
    if index.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{application.pk}"
    page = NewsPage(title=title, slug=slug, intro=intro, date=joined_on, live=False)
    index.add_child(instance=page)
    page.save_revision()


def member_leave(
    *,
    by: AbstractBaseUser,
    geonameid: int,
    left_on: date | None = None,
    reason: str = "",
):
    """Record that a member city leaves the coalition; its history stays."""
    from digitalrights.cities.models import Member, MemberStatus

    if not by.has_perm("cities.change_member"):
        city_access_for_official(user=by, geonameid=geonameid)
    with transaction.atomic():
        member = (
            Member.objects.select_for_update()
            .select_related("city")
            .filter(city__geonameid=geonameid, status=MemberStatus.ACTIVE)
            .first()
        )
        if member is None:
            raise ValidationError(_("This city is not a member now."))
        member.status = MemberStatus.FORMER
        member.left_on = left_on or timezone.localdate()
        member.full_clean()
        member.save(update_fields=["status", "left_on"])
        last = (
            Application.objects.filter(
                city=member.city, status=ApplicationStatus.APPROVED
            )
            .order_by("-version")
            .first()
        )
        if last is not None:
            _record(
                last,
                kind=EventKind.LEFT,
                by=by,
                by_secretariat=by.has_perm("cities.change_member"),
                message=reason.strip()
                or _("%(city)s left the coalition.") % {"city": member.city.name},
            )
    return member


def application_event_notify(*, event_id: int) -> int:
    """Email the other side of an application about one timeline entry.

    The city's officials hear of what the secretariat did, in their language;
    the secretariat hears of what the city did. Sends nothing twice; return
    the number of emails sent.
    """
    from django.urls import reverse_lazy
    from django.utils.text import format_lazy

    with transaction.atomic():
        # Locked while the emails go out, marked sent only after: a failed
        # send leaves the entry due for notifications_resend.
        event = (
            ApplicationEvent.objects.select_for_update(of=("self",))
            .select_related("application", "application__city")
            .filter(pk=event_id, notified_at__isnull=True)
            .first()
        )
        if event is None:
            return 0
        application = event.application
        if event.by_secretariat:
            people = [
                (r.user.email, r.language)
                for r in Representation.objects.filter(
                    city=application.city, status=RepresentationStatus.CONFIRMED
                ).select_related("user")
            ]
            template = "membership/email/application_to_city"
            page = reverse_lazy("membership:application", args=[application.pk])
        else:
            people = [
                (address, settings.LANGUAGE_CODE) for address in secretariat_addresses()
            ]
            template = "membership/email/application_to_secretariat"
            page = reverse_lazy("membership_application_review", args=[application.pk])
        context = {
            "event": event,
            "application": application,
            "city_name": application.city.name,
            "status": ApplicationStatus(application.status).label,
            "url": format_lazy("{}{}", settings.SITE_URL.rstrip("/"), page),
        }
        sent = email_send_each(
            people, template, context, what=f"Application notice {event.pk}"
        )
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return sent


RESEND_AFTER_MINUTES = 5


def notifications_resend(*, now=None) -> int:
    """Send again what a failed task left unsent, a few minutes on."""
    now = now or timezone.now()
    before = now - timezone.timedelta(minutes=RESEND_AFTER_MINUTES)
    sent = 0
    events = ApplicationEvent.objects.filter(
        notified_at__isnull=True, at__lt=before
    ).exclude(kind=EventKind.TRANSITION, to_status=ApplicationStatus.DRAFT)
    for event_id in events.values_list("pk", flat=True):
        sent += application_event_notify(event_id=event_id)
    due = Representation.objects.exclude(notified_status=models.F("status")).filter(
        requested_at__lt=before
    )
    for representation_id in due.values_list("pk", flat=True):
        sent += representation_notify(representation_id=representation_id)
    return sent


UNVERIFIED_ACCOUNT_DAYS = 7


def accounts_unverified_delete(*, now=None) -> int:
    """Delete sign-ups whose address was never verified within a week.

    Such an account holds an address someone typed, perhaps not their own,
    and can do nothing; keeping it would keep personal data for no purpose.
    Staff accounts and accounts with any verified address are kept.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=UNVERIFIED_ACCOUNT_DAYS)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    stale = (
        get_user_model()
        .objects.filter(date_joined__lt=cutoff, is_staff=False, is_superuser=False)
        .exclude(pk__in=verified)
    )
    deleted = 0
    for user in stale.exclude(representations__isnull=False):
        user.delete()
        deleted += 1
    return deleted
