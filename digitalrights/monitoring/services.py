"""Operations that change the framework, cycles and assessments.

Each one checks who may do it, runs in one transaction, and writes the
history (``AssessmentEvent``) where an assessment changes hands:

- the secretariat keeps the framework, opens and closes cycles, publishes
  accepted assessments and may start a correction;
- a member city's confirmed officials fill in and submit its assessment,
  answer reviewers and start corrections;
- the reviewers of each principle's working group comment per indicator and
  accept the principle or ask for changes (``selectors.review_check``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from digitalrights.initiatives.services import LinkData, links_clean

from .documents import document_check
from .emails import TOLD_STATES
from .models import (
    EDITABLE_STATES,
    JUSTIFICATION_MAX_LENGTH,
    MAX_EVIDENCE_DOCUMENTS,
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    Cycle,
    CycleState,
    EventKind,
    EvidenceDocument,
    EvidenceLink,
    FrameworkVersion,
    Indicator,
    Level,
    PrincipleReview,
    ReviewComment,
    ReviewDecision,
)
from .scores import scores_record
from .selectors import (
    SECRETARIAT_PERMISSION,
    assessment_access_for_official,
    city_access_for_assessments,
    evidence_initiatives,
    evidence_register_entries,
    is_official_of,
    review_check,
    secretariat_check,
)

COMMENT_MAX_LENGTH = 5000

__all__ = ["LinkData"]


def _pages_retire() -> None:
    """Retire cached public pages once the change is committed."""
    from digitalrights.core.cache import page_cache_clear

    transaction.on_commit(page_cache_clear)


def _permission_check(user: AbstractBaseUser, permission: str) -> None:
    if not user.is_authenticated or not user.has_perm(permission):
        raise PermissionDenied(_("Only the secretariat can do this."))


# The framework -------------------------------------------------------------------


def framework_version_copy(
    *, by: AbstractBaseUser, framework_version_id: int, label: str, notes: str = ""
) -> FrameworkVersion:
    """Make a new, editable version from another, with its levels and indicators.

    Each copied indicator is marked comparable to the one it copies, so that
    answers stay comparable across versions until someone changes that.
    """
    _permission_check(by, "monitoring.add_frameworkversion")
    with transaction.atomic():
        source = FrameworkVersion.objects.filter(pk=framework_version_id).first()
        if source is None:
            raise ValidationError(_("This framework version no longer exists."))
        copy = FrameworkVersion(
            label=label.strip(), notes=notes.strip(), based_on=source
        )
        copy.full_clean()
        copy.save()
        Level.objects.bulk_create(
            Level(
                framework_version=copy,
                value=level.value,
                name=level.name,
                definition=level.definition,
                needs_evidence=level.needs_evidence,
                sort_order=level.sort_order,
            )
            for level in source.levels.all()
        )
        Indicator.objects.bulk_create(
            Indicator(
                framework_version=copy,
                principle_id=indicator.principle_id,
                code=indicator.code,
                question=indicator.question,
                guidance=indicator.guidance,
                weight=indicator.weight,
                comparable_to=indicator,
                sort_order=indicator.sort_order,
            )
            for indicator in source.indicators.all()
        )
    return copy


# Cycles ----------------------------------------------------------------------------


def cycle_open(
    *,
    by: AbstractBaseUser,
    year: int,
    framework_version_id: int,
    opens_at: datetime,
    deadline: datetime,
) -> Cycle:
    """Open the yearly cycle in a framework version, which is frozen from now on."""
    _permission_check(by, "monitoring.add_cycle")
    with transaction.atomic():
        version = (
            FrameworkVersion.objects.select_for_update()
            .filter(pk=framework_version_id)
            .first()
        )
        if version is None:
            raise ValidationError(
                {"framework_version": _("This framework version no longer exists.")}
            )
        if not version.indicators.exists() or version.levels.count() < 2:
            raise ValidationError(
                {
                    "framework_version": _(
                        "A cycle needs a framework version with indicators and at"
                        " least two levels."
                    )
                }
            )
        cycle = Cycle(
            year=year,
            framework_version=version,
            opens_at=opens_at,
            deadline=deadline,
            state=CycleState.OPEN,
            opened_by=by,
        )
        cycle.full_clean()
        cycle.save()
        if version.frozen_at is None:
            version.frozen_at = timezone.now()
            version.save(update_fields=["frozen_at"])
    _pages_retire()
    return cycle


def cycle_update(
    *,
    by: AbstractBaseUser,
    cycle_id: int,
    opens_at: datetime,
    deadline: datetime,
    state: str,
) -> Cycle:
    """Move a cycle's dates, close it, or open it again; its version stays."""
    _permission_check(by, "monitoring.change_cycle")
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().filter(pk=cycle_id).first()
        if cycle is None:
            raise ValidationError(_("This cycle no longer exists."))
        cycle.opens_at, cycle.deadline = opens_at, deadline
        if state != cycle.state:
            cycle.closed_at = timezone.now() if state == CycleState.CLOSED else None
        cycle.state = state
        cycle.full_clean()
        cycle.save(update_fields=["opens_at", "deadline", "state", "closed_at"])
    _pages_retire()
    return cycle


def cycle_close(*, by: AbstractBaseUser, cycle_id: int) -> Cycle:
    """Close a cycle: its assessments no longer change, except by correction."""
    cycle = Cycle.objects.get(pk=cycle_id)
    return cycle_update(
        by=by,
        cycle_id=cycle_id,
        opens_at=cycle.opens_at,
        deadline=cycle.deadline,
        state=CycleState.CLOSED,
    )


# History ----------------------------------------------------------------------------


def _record(
    assessment: Assessment,
    *,
    kind: str,
    by: AbstractBaseUser | None,
    message: str = "",
    from_state: str = "",
    to_state: str = "",
    principle: int | None = None,
    indicator: Indicator | None = None,
    notify: bool = False,
) -> AssessmentEvent:
    event = AssessmentEvent(
        assessment=assessment,
        kind=kind,
        actor=by if by is not None and by.pk else None,
        message=message,
        from_state=from_state,
        to_state=to_state,
        principle_id=principle,
        indicator=indicator,
    )
    if not notify:
        # Nobody needs to hear of it: nothing is due.
        event.notified_at = event.at
    event.full_clean(exclude=["assessment", "actor", "principle", "indicator"])
    event.save()
    if notify:
        from .tasks import notify_assessment_event

        transaction.on_commit(
            lambda: notify_assessment_event.enqueue(event_id=event.pk)
        )
    return event


def _transition(
    assessment: Assessment,
    *,
    to: str,
    allowed_from: Iterable[str],
    by: AbstractBaseUser | None,
    message: str = "",
) -> Assessment:
    """Move a locked assessment to ``to`` and write it in its history."""
    if assessment.state not in allowed_from:
        raise ValidationError(
            _(
                "This assessment is “%(state)s” now, so this cannot be done."
                " Reload the page to see where it stands."
            )
            % {"state": assessment.get_state_display()},
            code="wrong_state",
        )
    before = assessment.state
    now = timezone.now()
    assessment.state = to
    fields = ["state", "updated_at"]
    assessment.updated_at = now
    stamp = {
        AssessmentState.SUBMITTED: "submitted_at",
        AssessmentState.ACCEPTED: "accepted_at",
        AssessmentState.PUBLISHED: "published_at",
    }.get(to)
    if stamp:
        setattr(assessment, stamp, now)
        fields.append(stamp)
    assessment.save(update_fields=fields)
    _record(
        assessment,
        kind=EventKind.TRANSITION,
        by=by,
        message=message,
        from_state=before,
        to_state=to,
        notify=to in TOLD_STATES,
    )
    return assessment


# What officials do ----------------------------------------------------------------


def _date(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def edit_check(assessment: Assessment, *, now: datetime | None = None) -> None:
    """Raise ValidationError, saying why, unless the city may change it now.

    A city changes its assessment while it is a draft or changes are asked
    for, in an open cycle: a draft only from the opening to the deadline,
    one sent back by reviewers until the cycle closes. A correction of a
    published assessment is made after its cycle, so no date applies.
    """
    now = now or timezone.now()
    if assessment.state == AssessmentState.PUBLISHED:
        raise ValidationError(
            _(
                "This assessment is published, so it can no longer change."
                " Start a correction instead: it makes a new version, with a"
                " note that says what changed."
            ),
            code="published",
        )
    if assessment.state not in EDITABLE_STATES:
        raise ValidationError(
            _(
                "This assessment is “%(state)s” now, so the city cannot change"
                " it. Wait for the reviewers' decision."
            )
            % {"state": assessment.get_state_display()},
            code="wrong_state",
        )
    if assessment.corrects_id:
        return
    cycle = assessment.cycle
    if cycle.state != CycleState.OPEN:
        raise ValidationError(
            _("The %(year)s cycle is closed, so its assessments can no longer change.")
            % {"year": cycle.year},
            code="cycle_closed",
        )
    if assessment.state == AssessmentState.DRAFT:
        if now < cycle.opens_at:
            raise ValidationError(
                _("The %(year)s cycle opens on %(date)s.")
                % {"year": cycle.year, "date": _date(cycle.opens_at)},
                code="cycle_not_open",
            )
        if now > cycle.deadline:
            raise ValidationError(
                _(
                    "The deadline of the %(year)s cycle was %(date)s, so"
                    " assessments can no longer be sent. Write to the"
                    " secretariat if your city needs more time."
                )
                % {"year": cycle.year, "date": _date(cycle.deadline)},
                code="deadline_passed",
            )


def assessment_start(
    *, user: AbstractBaseUser, geonameid: int, cycle_id: int
) -> Assessment:
    """Start the city's assessment of a cycle, or return the one under way."""
    city = city_access_for_assessments(user=user, geonameid=geonameid)
    cycle = Cycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        raise ValidationError(_("This monitoring cycle does not exist."))
    existing = (
        Assessment.objects.filter(city=city, cycle=cycle).order_by("-version").first()
    )
    if existing is not None and not existing.is_published:
        return existing
    if existing is not None:
        raise ValidationError(
            _(
                "Your city's assessment of %(year)s is published. To change it,"
                " start a correction."
            )
            % {"year": cycle.year},
            code="published",
        )
    probe = Assessment(city=city, cycle=cycle)
    edit_check(probe)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                city=city, cycle=cycle, created_by=user
            )
            _record(
                assessment,
                kind=EventKind.TRANSITION,
                by=user,
                to_state=AssessmentState.DRAFT,
            )
    except IntegrityError:
        # A colleague started it a moment ago: theirs is the one.
        return Assessment.objects.get(
            city=city, cycle=cycle, state=AssessmentState.DRAFT
        )
    return assessment


def _indicator_of(assessment: Assessment, indicator_id: int | None) -> Indicator:
    indicator = (
        Indicator.objects.filter(
            pk=indicator_id,
            framework_version_id=assessment.cycle.framework_version_id,
        ).first()
        if indicator_id
        else None
    )
    if indicator is None:
        raise ValidationError(
            {"indicator": _("This indicator is not part of this cycle's framework.")}
        )
    return indicator


def level_check(assessment: Assessment, level: int | None) -> int | None:
    """Return ``level`` if the cycle's framework defines it, or raise."""
    if level is None:
        return None
    values = list(
        Level.objects.filter(
            framework_version_id=assessment.cycle.framework_version_id
        ).values_list("value", flat=True)
    )
    if level not in values:
        raise ValidationError(
            {
                "level": _(
                    "Choose one of the framework's levels, from %(lowest)s to"
                    " %(highest)s."
                )
                % {"lowest": min(values), "highest": max(values)}
            },
            code="unknown_level",
        )
    return level


def _evidence_links(links: Iterable[LinkData]) -> list[LinkData]:
    """Return the links cleaned as initiatives' are (http(s) only, at most 10)."""
    cleaned = links_clean(links)
    for link in cleaned:
        # The validator accepts HTTPS:// too; the database wants it lower case.
        scheme, rest = link.url.split(":", 1)
        link.url = f"{scheme.lower()}:{rest}"
    return cleaned


def answer_save(
    *,
    user: AbstractBaseUser,
    assessment_id: int,
    indicator_id: int,
    level: int | None,
    justification: str = "",
    links: Iterable[LinkData] = (),
    initiative_ids: Iterable[int] = (),
    register_entry_ids: Iterable[int] = (),
) -> Answer:
    """Save the city's answer to one indicator; a draft may be incomplete.

    Evidence is web pages (http or https only), the city's own published
    initiatives and its published algorithm register entries. Changing an
    answer of a principle its reviewers accepted asks them to look again.
    """
    with transaction.atomic():
        assessment = assessment_access_for_official(
            user=user, assessment_id=assessment_id, lock=True
        )
        edit_check(assessment)
        indicator = _indicator_of(assessment, indicator_id)
        level = level_check(assessment, level)
        justification = justification.strip().replace("\r\n", "\n")
        if len(justification) > JUSTIFICATION_MAX_LENGTH:
            raise ValidationError(
                {
                    "justification": _(
                        "Keep the justification to %(count)s characters."
                    )
                    % {"count": JUSTIFICATION_MAX_LENGTH}
                }
            )
        cleaned_links = _evidence_links(links)
        wanted = set(initiative_ids)
        initiatives = list(evidence_initiatives(assessment.city).filter(pk__in=wanted))
        if len(initiatives) != len(wanted):
            raise ValidationError(
                {"initiatives": _("Choose among your city's published initiatives.")}
            )
        wanted = set(register_entry_ids)
        entries = list(evidence_register_entries(assessment.city).filter(pk__in=wanted))
        if len(entries) != len(wanted):
            raise ValidationError(
                {
                    "register_entries": _(
                        "Choose among your city's published algorithm register entries."
                    )
                }
            )
        answer, created = Answer.objects.get_or_create(
            assessment=assessment,
            indicator=indicator,
            defaults={"updated_by": user},
        )
        before = (
            answer.level,
            answer.justification,
            [(link.url, link.label) for link in answer.links.all()],
            set(answer.initiatives.values_list("pk", flat=True)),
            set(answer.register_entries.values_list("pk", flat=True)),
        )
        after = (
            level,
            justification,
            [(link.url, link.label) for link in cleaned_links],
            {initiative.pk for initiative in initiatives},
            {entry.pk for entry in entries},
        )
        if not created and before == after:
            return answer
        now = timezone.now()
        answer.level, answer.justification = level, justification
        answer.updated_at, answer.updated_by = now, user
        answer.full_clean(exclude=["assessment", "indicator", "updated_by"])
        answer.save(
            update_fields=["level", "justification", "updated_at", "updated_by"]
        )
        answer.links.all().delete()
        EvidenceLink.objects.bulk_create(
            EvidenceLink(answer=answer, url=link.url, label=link.label, position=i)
            for i, link in enumerate(cleaned_links)
        )
        answer.initiatives.set(initiatives)
        answer.register_entries.set(entries)
        assessment.updated_at = now
        assessment.save(update_fields=["updated_at"])
        _answer_changed(assessment, indicator=indicator, by=user)
    return answer


DOCUMENT_TITLE_MAX_LENGTH = 200


def document_title_clean(title: str, filename: str = "") -> str:
    """Return the title the public sees: as typed, or else the file's name.

    Control and formatting characters go, and of a file name only the last
    part, without its extension: never a path such as ``../../etc``.
    """
    if not title.strip():
        title = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
        if "." in title.strip("."):
            title = title.rsplit(".", 1)[0]
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in title
    )
    cleaned = " ".join(cleaned.split()).strip(" .")
    if len(cleaned) > DOCUMENT_TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("Keep the title to %(count)s characters.")
                % {"count": DOCUMENT_TITLE_MAX_LENGTH}
            }
        )
    return cleaned or _("Document")


def evidence_document_add(
    *,
    user: AbstractBaseUser,
    assessment_id: int,
    indicator_id: int,
    upload: UploadedFile,
    title: str = "",
) -> EvidenceDocument:
    """Attach a document to the city's answer to one indicator.

    What the file is is read from its content (``documents.document_check``);
    an answer has at most five. Only while the city may change the
    assessment: never once it is published.
    """
    content_type = document_check(upload)
    title = document_title_clean(title, upload.name or "")
    with transaction.atomic():
        assessment = assessment_access_for_official(
            user=user, assessment_id=assessment_id, lock=True
        )
        edit_check(assessment)
        indicator = _indicator_of(assessment, indicator_id)
        answer, _created = Answer.objects.get_or_create(
            assessment=assessment, indicator=indicator, defaults={"updated_by": user}
        )
        taken = set(answer.documents.values_list("position", flat=True))
        free = [i for i in range(MAX_EVIDENCE_DOCUMENTS) if i not in taken]
        if not free:
            raise ValidationError(
                {
                    "document": _(
                        "An answer can have at most %(count)s documents. Remove"
                        " one to add another."
                    )
                    % {"count": MAX_EVIDENCE_DOCUMENTS}
                },
                code="too_many",
            )
        document = EvidenceDocument(
            answer=answer,
            title=title,
            content_type=content_type,
            size=upload.size,
            position=free[0],
            uploaded_by=user,
        )
        # The name sent is never used: the storage gets a random one.
        upload.name = f"document.{document.extension}"
        document.file = upload
        document.full_clean(exclude=["answer", "file", "uploaded_by"])
        document.save()
        now = timezone.now()
        answer.updated_at, answer.updated_by = now, user
        answer.save(update_fields=["updated_at", "updated_by"])
        assessment.updated_at = now
        assessment.save(update_fields=["updated_at"])
        _answer_changed(assessment, indicator=indicator, by=user)
    return document


def evidence_document_remove(*, user: AbstractBaseUser, document_id: int) -> None:
    """Take a document off an answer while the city may change the assessment.

    Its file goes once no row refers to it (a correction shares the files of
    the version it corrects, which keeps them).
    """
    row = (
        EvidenceDocument.objects.filter(pk=document_id)
        .values_list("answer__assessment_id", flat=True)
        .first()
    )
    if row is None:
        raise ValidationError(_("This document no longer exists."), code="gone")
    with transaction.atomic():
        assessment = assessment_access_for_official(
            user=user, assessment_id=row, lock=True
        )
        edit_check(assessment)
        document = (
            EvidenceDocument.objects.select_related("answer__indicator")
            .filter(pk=document_id, answer__assessment=assessment)
            .first()
        )
        if document is None:
            raise ValidationError(_("This document no longer exists."), code="gone")
        answer = document.answer
        name, storage = document.file.name, document.file.storage
        document.delete()
        if not EvidenceDocument.objects.filter(file=name).exists():
            transaction.on_commit(lambda: storage.delete(name))
        now = timezone.now()
        answer.updated_at, answer.updated_by = now, user
        answer.save(update_fields=["updated_at", "updated_by"])
        assessment.updated_at = now
        assessment.save(update_fields=["updated_at"])
        _answer_changed(assessment, indicator=answer.indicator, by=user)


def _answer_changed(
    assessment: Assessment, *, indicator: Indicator, by: AbstractBaseUser
) -> None:
    """Tell the reviewers' history what changed while they were involved."""
    if assessment.state != AssessmentState.CHANGES_REQUESTED:
        return
    review = (
        PrincipleReview.objects.select_for_update()
        .filter(assessment=assessment, principle_id=indicator.principle_id)
        .first()
    )
    if review is not None and review.decision == ReviewDecision.ACCEPTED:
        _review_reopen(review)
        _record(
            assessment,
            kind=EventKind.DECISION,
            by=by,
            principle=indicator.principle_id,
            to_state=ReviewDecision.PENDING,
            message=_(
                "An answer changed after this principle was accepted: its"
                " reviewers look at it again."
            ),
        )
    last = assessment.events.order_by("-at", "-pk").first()
    # One entry per indicator and person while they keep editing it.
    if not (
        last is not None
        and last.kind == EventKind.ANSWER
        and last.indicator_id == indicator.pk
        and last.actor_id == by.pk
    ):
        _record(
            assessment,
            kind=EventKind.ANSWER,
            by=by,
            principle=indicator.principle_id,
            indicator=indicator,
        )


def _review_reopen(review: PrincipleReview) -> None:
    review.decision = ReviewDecision.PENDING
    review.decided_by, review.decided_at = None, None
    review.save(update_fields=["decision", "decided_by", "decided_at"])


def assessment_missing(assessment: Assessment) -> list[str]:
    """Return what must still be answered before the assessment can be sent."""
    answers = {
        answer.indicator_id: answer
        for answer in assessment.answers.prefetch_related(
            "links", "initiatives", "register_entries", "documents"
        )
    }
    needs_evidence = set(
        Level.objects.filter(
            framework_version_id=assessment.cycle.framework_version_id,
            needs_evidence=True,
        ).values_list("value", flat=True)
    )
    missing = []
    indicators = Indicator.objects.filter(
        framework_version_id=assessment.cycle.framework_version_id
    ).order_by("principle_id", "sort_order", "pk")
    for indicator in indicators:
        answer = answers.get(indicator.pk)
        code = {"code": indicator.code}
        if answer is None or answer.level is None:
            missing.append(_("Choose a level for indicator %(code)s.") % code)
            continue
        if not answer.justification:
            missing.append(_("Say why, for indicator %(code)s.") % code)
        if answer.level in needs_evidence and not (
            answer.links.all()
            or answer.initiatives.all()
            or answer.register_entries.all()
            or answer.documents.all()
        ):
            missing.append(
                _(
                    "Give evidence for indicator %(code)s: a link, a document, or"
                    " one of the city's initiatives or algorithm register entries."
                )
                % code
            )
    return missing


def assessment_submit(*, user: AbstractBaseUser, assessment_id: int) -> Assessment:
    """Send a complete assessment to the reviewers of each principle."""
    with transaction.atomic():
        assessment = assessment_access_for_official(
            user=user, assessment_id=assessment_id, lock=True
        )
        edit_check(assessment)
        missing = assessment_missing(assessment)
        if missing:
            raise ValidationError(missing, code="incomplete")
        principles = set(
            Indicator.objects.filter(
                framework_version_id=assessment.cycle.framework_version_id
            ).values_list("principle_id", flat=True)
        )
        for principle in sorted(principles):
            review, _created = PrincipleReview.objects.get_or_create(
                assessment=assessment, principle_id=principle
            )
            if review.decision == ReviewDecision.CHANGES_REQUESTED:
                _review_reopen(review)
        return _transition(
            assessment,
            to=AssessmentState.SUBMITTED,
            allowed_from=EDITABLE_STATES,
            by=user,
        )


# What reviewers do ------------------------------------------------------------------


def _locked(assessment_id: int) -> Assessment:
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("city", "cycle")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        raise PermissionDenied(_("This assessment does not exist."))
    return assessment


def _text_required(text: str, message: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": message})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Keep it to %(count)s characters.")
                % {"count": COMMENT_MAX_LENGTH}
            }
        )
    return text


def _principle_of(assessment: Assessment, principle: int) -> PrincipleReview:
    review = (
        PrincipleReview.objects.select_for_update()
        .filter(assessment=assessment, principle_id=principle)
        .first()
    )
    if review is None:
        raise ValidationError(
            _("This assessment has nothing to review on this principle.")
        )
    return review


def review_comment(
    *,
    user: AbstractBaseUser,
    assessment_id: int,
    text: str,
    indicator_id: int | None = None,
    principle: int | None = None,
) -> ReviewComment:
    """Comment on an answer (``indicator_id``) or a whole principle.

    The principle's reviewers comment; the city's officials reply, in the
    same thread. Only while the assessment is in review or sent back.
    """
    with transaction.atomic():
        city_id = (
            Assessment.objects.filter(pk=assessment_id)
            .values_list("city_id", flat=True)
            .first()
        )
        if city_id is None:
            raise PermissionDenied(_("This assessment does not exist."))
        if is_official_of(user, city_id):
            assessment = assessment_access_for_official(
                user=user, assessment_id=assessment_id, lock=True
            )
            by_reviewer = False
        else:
            assessment = _locked(assessment_id)
            by_reviewer = True
        indicator = _indicator_of(assessment, indicator_id) if indicator_id else None
        principle = indicator.principle_id if indicator else principle
        if by_reviewer:
            review_check(user=user, assessment=assessment, principle=principle)
        if assessment.state not in (
            AssessmentState.SUBMITTED,
            AssessmentState.CHANGES_REQUESTED,
        ):
            raise ValidationError(
                _("This assessment is “%(state)s”, so it takes no comments now.")
                % {"state": assessment.get_state_display()},
                code="wrong_state",
            )
        _principle_of(assessment, principle)
        comment = ReviewComment(
            assessment=assessment,
            principle_id=principle,
            indicator=indicator,
            author=user,
            by_reviewer=by_reviewer,
            text=_text_required(text, _("Write the comment.")),
        )
        comment.save()

        from .tasks import send_comments_digest

        transaction.on_commit(
            lambda: send_comments_digest.enqueue(assessment_id=assessment.pk)
        )
    return comment


def review_accept(
    *, user: AbstractBaseUser, assessment_id: int, principle: int, message: str = ""
) -> Assessment:
    """Accept the answers on one principle; all accepted, the assessment is."""
    with transaction.atomic():
        assessment = _locked(assessment_id)
        review_check(user=user, assessment=assessment, principle=principle)
        review = _principle_of(assessment, principle)
        if assessment.state != AssessmentState.SUBMITTED:
            raise ValidationError(
                _(
                    "This assessment is “%(state)s” now, so it cannot be"
                    " accepted. Reload the page to see where it stands."
                )
                % {"state": assessment.get_state_display()},
                code="wrong_state",
            )
        review.decision = ReviewDecision.ACCEPTED
        review.decided_by, review.decided_at = user, timezone.now()
        review.save(update_fields=["decision", "decided_by", "decided_at"])
        _record(
            assessment,
            kind=EventKind.DECISION,
            by=user,
            principle=principle,
            to_state=ReviewDecision.ACCEPTED,
            message=message.strip()[:COMMENT_MAX_LENGTH],
        )
        if not assessment.reviews.exclude(decision=ReviewDecision.ACCEPTED).exists():
            _transition(
                assessment,
                to=AssessmentState.ACCEPTED,
                allowed_from=[AssessmentState.SUBMITTED],
                by=user,
            )
    return assessment


def review_request_changes(
    *, user: AbstractBaseUser, assessment_id: int, principle: int, message: str
) -> Assessment:
    """Send the assessment back to its city, saying what to change on a principle."""
    with transaction.atomic():
        assessment = _locked(assessment_id)
        review_check(user=user, assessment=assessment, principle=principle)
        review = _principle_of(assessment, principle)
        message = _text_required(message, _("Say what the city should change."))
        review.decision = ReviewDecision.CHANGES_REQUESTED
        review.decided_by, review.decided_at = user, timezone.now()
        if assessment.state != AssessmentState.SUBMITTED:
            raise ValidationError(
                _(
                    "This assessment is “%(state)s” now, so no changes can be"
                    " asked for. Reload the page to see where it stands."
                )
                % {"state": assessment.get_state_display()},
                code="wrong_state",
            )
        review.save(update_fields=["decision", "decided_by", "decided_at"])
        _record(
            assessment,
            kind=EventKind.DECISION,
            by=user,
            principle=principle,
            to_state=ReviewDecision.CHANGES_REQUESTED,
            message=message,
        )
        return _transition(
            assessment,
            to=AssessmentState.CHANGES_REQUESTED,
            allowed_from=[AssessmentState.SUBMITTED],
            by=user,
            message=message,
        )


# What the secretariat does ----------------------------------------------------------


def assessment_publish(
    *, by: AbstractBaseUser, assessment_id: int, message: str = ""
) -> Assessment:
    """Publish an accepted assessment; from now on it never changes.

    A published correction replaces the version it corrects as the one the
    public sees; the earlier one stays, marked as corrected.
    """
    secretariat_check(by)
    with transaction.atomic():
        assessment = _locked(assessment_id)
        if assessment.state != AssessmentState.ACCEPTED:
            raise ValidationError(
                _(
                    "Only an assessment its reviewers accepted can be published."
                    " This one is “%(state)s”."
                )
                % {"state": assessment.get_state_display()},
                code="wrong_state",
            )
        Assessment.objects.filter(
            city_id=assessment.city_id, cycle_id=assessment.cycle_id, is_current=True
        ).update(is_current=False)
        _transition(
            assessment,
            to=AssessmentState.PUBLISHED,
            allowed_from=[AssessmentState.ACCEPTED],
            by=by,
            message=message.strip()[:COMMENT_MAX_LENGTH],
        )
        assessment.is_current = True
        assessment.save(update_fields=["is_current"])
        scores_record(assessment_id=assessment.pk)
    _pages_retire()
    return assessment


def assessment_correct(
    *, by: AbstractBaseUser, assessment_id: int, note: str
) -> Assessment:
    """Start a correction of a published assessment: a new, linked version.

    The city's officials or the secretariat start it, saying what it
    corrects; it copies every answer and goes through review again. The
    published version stays as it is until the correction is published.
    """
    note = note.strip()
    with transaction.atomic():
        if by.is_authenticated and by.has_perm(SECRETARIAT_PERMISSION):
            original = _locked(assessment_id)
        else:
            original = assessment_access_for_official(
                user=by, assessment_id=assessment_id, lock=True
            )
        if not (original.is_published and original.is_current):
            raise ValidationError(
                _("Only the published version of an assessment can be corrected."),
                code="not_current",
            )
        if not note:
            raise ValidationError(
                {"note": _("Say what the correction changes, and why.")}
            )
        if len(note) > 2000:
            raise ValidationError(
                {"note": _("Keep the note to %(count)s characters.") % {"count": 2000}}
            )
        if (
            Assessment.objects.filter(
                city_id=original.city_id, cycle_id=original.cycle_id
            )
            .exclude(state=AssessmentState.PUBLISHED)
            .exists()
        ):
            raise ValidationError(
                _("A correction of this assessment is already under way."),
                code="correction_open",
            )
        latest = Assessment.objects.filter(
            city_id=original.city_id, cycle_id=original.cycle_id
        ).aggregate(version=Max("version"))["version"]
        correction = Assessment.objects.create(
            city_id=original.city_id,
            cycle_id=original.cycle_id,
            version=latest + 1,
            corrects=original,
            correction_note=note,
            created_by=by,
        )
        for answer in original.answers.prefetch_related(
            "links", "initiatives", "register_entries", "documents"
        ):
            copy = Answer.objects.create(
                assessment=correction,
                indicator_id=answer.indicator_id,
                level=answer.level,
                justification=answer.justification,
                updated_by=by,
            )
            EvidenceLink.objects.bulk_create(
                EvidenceLink(
                    answer=copy, url=link.url, label=link.label, position=link.position
                )
                for link in answer.links.all()
            )
            copy.initiatives.set(answer.initiatives.all())
            copy.register_entries.set(answer.register_entries.all())
            # The copies share the files, which the published version keeps.
            EvidenceDocument.objects.bulk_create(
                EvidenceDocument(
                    answer=copy,
                    file=document.file.name,
                    title=document.title,
                    content_type=document.content_type,
                    size=document.size,
                    position=document.position,
                    uploaded_by_id=document.uploaded_by_id,
                    uploaded_at=document.uploaded_at,
                )
                for document in answer.documents.all()
            )
        for assessment in (original, correction):
            _record(
                assessment,
                kind=EventKind.CORRECTION,
                by=by,
                to_state=correction.state if assessment is correction else "",
                message=note,
            )
    return correction


# Loaders ----------------------------------------------------------------------------


def framework_version_import(
    *,
    label: str,
    notes: str,
    levels: Iterable[tuple[int, str, str, bool]],
    indicators: Iterable[tuple[int, str, str, str]],
) -> FrameworkVersion:
    """Create a framework version from a trusted source (the demo loader).

    ``levels`` are (value, name, definition, needs evidence); ``indicators``
    are (principle, code, question, guidance), in order. No person acts, so
    nobody is checked: for commands run by the site's operators only.
    """
    with transaction.atomic():
        version = FrameworkVersion(label=label, notes=notes)
        version.full_clean()
        version.save()
        for order, (value, name, definition, needs_evidence) in enumerate(levels):
            level = Level(
                framework_version=version,
                value=value,
                name=name,
                definition=definition,
                needs_evidence=needs_evidence,
                sort_order=order,
            )
            level.full_clean(exclude=["framework_version"])
            level.save()
        for order, (principle, code, question, guidance) in enumerate(indicators):
            indicator = Indicator(
                framework_version=version,
                principle_id=principle,
                code=code,
                question=question,
                guidance=guidance,
                sort_order=order,
            )
            indicator.full_clean(exclude=["framework_version"])
            indicator.save()
    return version
