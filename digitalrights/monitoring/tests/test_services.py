"""Who may do what to the framework, cycles and assessments, and bad input."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from digitalrights.initiatives.tests.factories import InitiativeFactory, published
from digitalrights.membership.tests.factories import give_second_factor
from digitalrights.monitoring import services
from digitalrights.monitoring.models import (
    Assessment,
    AssessmentEvent,
    AssessmentState,
    CycleState,
    EventKind,
    FrameworkVersion,
    ReviewDecision,
    Reviewer,
)
from digitalrights.monitoring.services import LinkData
from digitalrights.workinggroups.models import WorkingGroupPage

from .factories import framework, member_city, official_of, person

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="secretariat-test",
        email="monitoring@coalition.example.org",
        password=None,
    )


@pytest.fixture
def version():
    """Two indicators on principle 1 (a working group's) and two on principle 2
    (no demo working group works on it: the secretariat reviews it)."""
    return framework(principles=(1, 2), per_principle=2)


@pytest.fixture
def cycle(staff, version):
    now = timezone.now()
    return services.cycle_open(
        by=staff,
        year=2049,
        framework_version_id=version.pk,
        opens_at=now - DAY,
        deadline=now + 30 * DAY,
    )


@pytest.fixture
def city():
    return member_city()


@pytest.fixture
def official(city):
    return official_of(city)


@pytest.fixture
def reviewer():
    """A member of the working group on principle 1, with a second factor."""
    user = person()
    group = WorkingGroupPage.objects.live().filter(principle=1).first()
    Reviewer.objects.create(user=user, working_group=group)
    return user


@pytest.fixture
def assessment(official, city, cycle):
    return services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )


def indicators(assessment):
    return list(
        assessment.cycle.framework_version.indicators.order_by("principle_id", "code")
    )


def answer(official, assessment, indicator, **changes):
    data = {
        "level": 2,
        "justification": "The work started in spring.",
        "links": [LinkData(url="https://city.example.org/plan", label="The plan")],
    }
    data.update(changes)
    return services.answer_save(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        **data,
    )


def answer_all(official, assessment, **changes):
    for indicator in indicators(assessment):
        answer(official, assessment, indicator, **changes)


def submitted(official, assessment):
    answer_all(official, assessment)
    return services.assessment_submit(user=official, assessment_id=assessment.pk)


def accepted(official, assessment, reviewer, staff):
    submitted(official, assessment)
    services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)
    return services.review_accept(user=staff, assessment_id=assessment.pk, principle=2)


def history(assessment):
    return list(
        AssessmentEvent.objects.filter(assessment=assessment).values_list(
            "kind", "to_state"
        )
    )


# The framework and cycles ----------------------------------------------------------


def test_opening_a_cycle_freezes_its_framework_version(cycle, version):
    version.refresh_from_db()
    assert version.is_frozen
    assert cycle.state == CycleState.OPEN
    assert cycle.opened_by.username == "secretariat-test"


def test_only_the_secretariat_opens_cycles_and_copies_versions(official, version):
    now = timezone.now()
    with pytest.raises(PermissionDenied, match="Only the secretariat"):
        services.cycle_open(
            by=official,
            year=2048,
            framework_version_id=version.pk,
            opens_at=now,
            deadline=now + DAY,
        )
    with pytest.raises(PermissionDenied, match="Only the secretariat"):
        services.framework_version_copy(
            by=AnonymousUser(), framework_version_id=version.pk, label="next"
        )
    version.refresh_from_db()
    assert not version.is_frozen


def test_a_cycle_needs_indicators_and_a_deadline_after_its_opening(staff):
    now = timezone.now()
    empty = FrameworkVersion.objects.create(label="empty")
    with pytest.raises(ValidationError, match="indicators and at least two levels"):
        services.cycle_open(
            by=staff,
            year=2047,
            framework_version_id=empty.pk,
            opens_at=now,
            deadline=now + DAY,
        )
    with pytest.raises(ValidationError, match="deadline must come after"):
        services.cycle_open(
            by=staff,
            year=2047,
            framework_version_id=framework().pk,
            opens_at=now,
            deadline=now - DAY,
        )


def test_a_new_version_copies_a_frozen_one_and_maps_each_indicator(
    staff, cycle, version
):
    copy = services.framework_version_copy(
        by=staff, framework_version_id=version.pk, label="next", notes="Clearer."
    )
    assert copy.based_on == version
    assert not copy.is_frozen
    assert copy.levels.count() == version.levels.count() == 5
    pairs = {(i.code, i.comparable_to.code) for i in copy.indicators.all()}
    assert pairs == {(i.code, i.code) for i in version.indicators.all()}
    assert {i.comparable_to.framework_version_id for i in copy.indicators.all()} == {
        version.pk
    }
    with pytest.raises(ValidationError, match="already exists"):
        services.framework_version_copy(
            by=staff, framework_version_id=version.pk, label="next"
        )


# What officials do ------------------------------------------------------------------


def test_starting_twice_returns_the_assessment_under_way(official, city, assessment):
    again = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=assessment.cycle_id
    )
    assert again == assessment
    assert assessment.state == AssessmentState.DRAFT
    assert history(assessment) == [(EventKind.TRANSITION, AssessmentState.DRAFT)]


def test_only_the_citys_own_confirmed_officials_with_a_second_factor_answer(
    official, assessment, cycle, city
):
    indicator = indicators(assessment)[0]
    someone_else = official_of(member_city())
    no_second_factor = official_of(city, second_factor=False)
    for user, message in [
        (AnonymousUser(), "Sign in"),
        (someone_else, "not one of your cities'"),
        (no_second_factor, "two-factor"),
    ]:
        with pytest.raises(PermissionDenied, match=message):
            answer(user, assessment, indicator)
        with pytest.raises(PermissionDenied, match=message):
            services.assessment_submit(user=user, assessment_id=assessment.pk)
    with pytest.raises(PermissionDenied):
        services.assessment_start(
            user=someone_else, geonameid=city.geonameid, cycle_id=cycle.pk
        )
    with pytest.raises(PermissionDenied, match="not one of your cities'"):
        answer(someone_else, Assessment(pk=10**9), indicator)
    assert not assessment.answers.exists()


@pytest.mark.parametrize("level", [5, 10, 99, -1])
def test_levels_outside_the_framework_are_refused(official, assessment, level):
    with pytest.raises(ValidationError, match="from 0 to 4"):
        answer(official, assessment, indicators(assessment)[0], level=level)


def test_a_draft_answer_may_leave_the_level_for_later(official, assessment):
    saved = answer(official, assessment, indicators(assessment)[0], level=None)
    assert saved.level is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://city.example.org/plan.pdf",
        "file:///etc/passwd",
        "//city.example.org/plan",
        "city.example.org/plan",
    ],
)
def test_evidence_links_that_are_not_web_pages_are_refused(official, assessment, url):
    with pytest.raises(ValidationError, match="starts with http:// or https://"):
        answer(
            official,
            assessment,
            indicators(assessment)[0],
            links=[LinkData(url=url, label="Evidence")],
        )


def test_evidence_links_keep_at_most_ten_and_store_the_scheme_in_lower_case(
    official, assessment
):
    indicator = indicators(assessment)[0]
    many = [LinkData(url=f"https://city.example.org/{i}") for i in range(11)]
    with pytest.raises(ValidationError, match="at most 10 links"):
        answer(official, assessment, indicator, links=many)
    saved = answer(
        official,
        assessment,
        indicator,
        links=[LinkData(url="HTTPS://city.example.org/Plan", label="Plan")],
    )
    assert [link.url for link in saved.links.all()] == ["https://city.example.org/Plan"]


def test_evidence_initiatives_are_the_citys_own_published_ones(
    official, assessment, city
):
    indicator = indicators(assessment)[0]
    ours = published(city=city)
    for other in (published(), InitiativeFactory(city=city)):
        with pytest.raises(ValidationError, match="your city's published"):
            answer(official, assessment, indicator, initiative_ids=[other.pk])
    saved = answer(official, assessment, indicator, initiative_ids=[ours.pk])
    assert list(saved.initiatives.all()) == [ours]


def test_an_indicator_of_another_framework_is_refused(official, assessment):
    stranger = framework().indicators.first()
    with pytest.raises(ValidationError, match="not part of this cycle's framework"):
        answer(official, assessment, stranger)


def test_a_justification_is_kept_short(official, assessment):
    with pytest.raises(ValidationError, match="2000 characters"):
        answer(
            official, assessment, indicators(assessment)[0], justification="x" * 2001
        )


def test_nothing_is_started_or_changed_in_a_closed_cycle(
    staff, official, city, assessment, cycle
):
    services.cycle_close(by=staff, cycle_id=cycle.pk)
    with pytest.raises(ValidationError, match="cycle is closed"):
        answer(official, assessment, indicators(assessment)[0])
    with pytest.raises(ValidationError, match="cycle is closed"):
        services.assessment_submit(user=official, assessment_id=assessment.pk)
    other = member_city()
    with pytest.raises(ValidationError, match="cycle is closed"):
        services.assessment_start(
            user=official_of(other), geonameid=other.geonameid, cycle_id=cycle.pk
        )


def test_a_draft_waits_for_the_opening_and_stops_at_the_deadline(
    staff, official, assessment, cycle
):
    now = timezone.now()
    for opens_at, deadline, message in [
        (now + DAY, now + 2 * DAY, "cycle opens on"),
        (now - 2 * DAY, now - DAY, "deadline of the 2049 cycle was"),
    ]:
        services.cycle_update(
            by=staff,
            cycle_id=cycle.pk,
            opens_at=opens_at,
            deadline=deadline,
            state=CycleState.OPEN,
        )
        with pytest.raises(ValidationError, match=message):
            answer(official, assessment, indicators(assessment)[0])


def test_submitting_needs_a_level_a_reason_and_evidence_where_the_level_asks(
    official, assessment
):
    first, second, *rest = indicators(assessment)
    answer(official, assessment, first, level=3, links=[])
    answer(official, assessment, second, justification="")
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(user=official, assessment_id=assessment.pk)
    messages = refused.value.messages
    assert (
        f"Give evidence for indicator {first.code}: a link, a document, or one of the"
        " city's initiatives or algorithm register entries." in messages
    )
    assert f"Say why, for indicator {second.code}." in messages
    assert f"Choose a level for indicator {rest[0].code}." in messages
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT


def test_a_submitted_assessment_waits_for_its_reviewers_unchanged(official, assessment):
    submitted(official, assessment)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    assert assessment.submitted_at is not None
    assert sorted(assessment.reviews.values_list("principle", "decision")) == [
        (1, ReviewDecision.PENDING),
        (2, ReviewDecision.PENDING),
    ]
    with pytest.raises(ValidationError, match="Wait for the reviewers"):
        answer(official, assessment, indicators(assessment)[0], level=4)


# What reviewers do ------------------------------------------------------------------


def test_only_reviewers_of_the_principles_working_group_decide_on_it(
    official, assessment, reviewer, staff, city
):
    submitted(official, assessment)
    stranger = person()
    for user in (stranger, official, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.review_accept(user=user, assessment_id=assessment.pk, principle=1)
    # Principle 2 has no working group in the demo: the secretariat reviews it,
    # and a reviewer of principle 1 does not.
    with pytest.raises(PermissionDenied, match="working group on this principle"):
        services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=2)
    with pytest.raises(PermissionDenied, match="working group on this principle"):
        services.review_request_changes(
            user=stranger, assessment_id=assessment.pk, principle=1, message="No."
        )
    assert not assessment.reviews.exclude(decision=ReviewDecision.PENDING).exists()


def test_a_reviewer_needs_a_second_factor_and_never_reviews_their_own_city(
    official, assessment, reviewer, city
):
    submitted(official, assessment)
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=reviewer).delete()
    with pytest.raises(PermissionDenied, match="two-factor"):
        services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)
    give_second_factor(reviewer)
    from digitalrights.membership.tests.factories import RepresentationFactory

    RepresentationFactory(user=reviewer, city=city)
    with pytest.raises(PermissionDenied, match="You act for this city"):
        services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)


def test_a_reviewer_of_an_unpublished_working_group_reviews_nothing(
    official, assessment, reviewer
):
    submitted(official, assessment)
    WorkingGroupPage.objects.filter(reviewers__user=reviewer).update(live=False)
    with pytest.raises(PermissionDenied, match="working group on this principle"):
        services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)


def test_the_secretariat_reviews_a_principle_only_without_a_working_group(
    official, assessment, staff
):
    submitted(official, assessment)
    with pytest.raises(PermissionDenied, match="working group on this principle"):
        services.review_accept(user=staff, assessment_id=assessment.pk, principle=1)
    services.review_accept(user=staff, assessment_id=assessment.pk, principle=2)


def test_changes_asked_send_it_back_and_the_city_answers_and_sends_it_again(
    official, assessment, reviewer, staff
):
    submitted(official, assessment)
    services.review_accept(user=staff, assessment_id=assessment.pk, principle=2)
    with pytest.raises(ValidationError, match="Say what the city should change"):
        services.review_request_changes(
            user=reviewer, assessment_id=assessment.pk, principle=1, message="  "
        )
    first = indicators(assessment)[0]
    services.review_comment(
        user=reviewer,
        assessment_id=assessment.pk,
        indicator_id=first.pk,
        text="The plan is a draft; is it adopted?",
    )
    services.review_request_changes(
        user=reviewer,
        assessment_id=assessment.pk,
        principle=1,
        message="Show that the plan is adopted.",
    )
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.CHANGES_REQUESTED
    reply = services.review_comment(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=first.pk,
        text="Adopted in May: see the new link.",
    )
    assert not reply.by_reviewer and reply.principle_id == 1
    answer(
        official,
        assessment,
        first,
        links=[LinkData(url="https://city.example.org/adopted")],
    )
    services.assessment_submit(user=official, assessment_id=assessment.pk)
    reviews = dict(assessment.reviews.values_list("principle", "decision"))
    # Principle 2 was accepted and its answers did not change: it stays so.
    assert reviews == {1: ReviewDecision.PENDING, 2: ReviewDecision.ACCEPTED}
    assert [c.text for c in assessment.comments.all()] == [
        "The plan is a draft; is it adopted?",
        "Adopted in May: see the new link.",
    ]
    assert (EventKind.ANSWER, "") in history(assessment)


def test_changing_an_accepted_principles_answer_asks_its_reviewers_again(
    official, assessment, reviewer, staff
):
    submitted(official, assessment)
    services.review_accept(user=staff, assessment_id=assessment.pk, principle=2)
    services.review_request_changes(
        user=reviewer, assessment_id=assessment.pk, principle=1, message="Why 2?"
    )
    principle_two = indicators(assessment)[-1]
    answer(official, assessment, principle_two, level=1)
    review = assessment.reviews.get(principle=2)
    assert review.decision == ReviewDecision.PENDING
    assert review.decided_at is None


def test_comments_come_only_from_reviewers_and_the_city_while_in_review(
    official, assessment, reviewer
):
    with pytest.raises(ValidationError, match="takes no comments now"):
        services.review_comment(
            user=official, assessment_id=assessment.pk, principle=1, text="Hello."
        )
    submitted(official, assessment)
    stranger = person()
    with pytest.raises(PermissionDenied):
        services.review_comment(
            user=stranger, assessment_id=assessment.pk, principle=1, text="Spam."
        )
    with pytest.raises(PermissionDenied):
        services.review_comment(
            user=reviewer, assessment_id=10**9, principle=1, text="Nothing there."
        )
    with pytest.raises(ValidationError, match="Write the comment"):
        services.review_comment(
            user=reviewer, assessment_id=assessment.pk, principle=1, text=" "
        )


# Publication and corrections --------------------------------------------------------


def test_all_principles_accepted_make_it_accepted_and_the_secretariat_publishes(
    official, assessment, reviewer, staff
):
    accepted(official, assessment, reviewer, staff)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.ACCEPTED
    for user in (official, reviewer):
        with pytest.raises(PermissionDenied, match="Only the secretariat"):
            services.assessment_publish(by=user, assessment_id=assessment.pk)
    services.assessment_publish(by=staff, assessment_id=assessment.pk)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.PUBLISHED
    assert assessment.is_current and assessment.published_at
    assert [to for kind, to in history(assessment) if kind == EventKind.TRANSITION] == [
        "draft",
        "submitted",
        "accepted",
        "published",
    ]


def test_only_an_accepted_assessment_is_published(official, assessment, staff):
    submitted(official, assessment)
    with pytest.raises(ValidationError, match="Only an assessment its reviewers"):
        services.assessment_publish(by=staff, assessment_id=assessment.pk)


def test_a_published_assessment_never_changes(
    official, assessment, reviewer, staff, city
):
    accepted(official, assessment, reviewer, staff)
    services.assessment_publish(by=staff, assessment_id=assessment.pk)
    with pytest.raises(ValidationError, match="published, so it can no longer change"):
        answer(official, assessment, indicators(assessment)[0], level=4)
    with pytest.raises(ValidationError, match="published, so it can no longer change"):
        services.assessment_submit(user=official, assessment_id=assessment.pk)
    with pytest.raises(ValidationError, match="start a correction"):
        services.assessment_start(
            user=official, geonameid=city.geonameid, cycle_id=assessment.cycle_id
        )
    with pytest.raises(ValidationError, match="reviewers accepted"):
        services.assessment_publish(by=staff, assessment_id=assessment.pk)
    assert set(assessment.answers.values_list("level", flat=True)) == {2}


def test_a_correction_is_a_new_linked_version_with_a_visible_note(
    official, assessment, reviewer, staff, cycle
):
    accepted(official, assessment, reviewer, staff)
    with pytest.raises(ValidationError, match="published version"):
        services.assessment_correct(by=official, assessment_id=assessment.pk, note="x")
    services.assessment_publish(by=staff, assessment_id=assessment.pk)
    services.cycle_close(by=staff, cycle_id=cycle.pk)
    with pytest.raises(ValidationError, match="Say what the correction changes"):
        services.assessment_correct(by=official, assessment_id=assessment.pk, note=" ")
    stranger = official_of(member_city())
    with pytest.raises(PermissionDenied):
        services.assessment_correct(
            by=stranger, assessment_id=assessment.pk, note="Mine now."
        )
    correction = services.assessment_correct(
        by=official, assessment_id=assessment.pk, note="Indicator 1.1 was adopted."
    )
    assert (correction.version, correction.corrects, correction.state) == (
        2,
        assessment,
        AssessmentState.DRAFT,
    )
    assert correction.answers.count() == 4
    assert correction.answers.first().links.count() == 1
    with pytest.raises(ValidationError, match="already under way"):
        services.assessment_correct(by=staff, assessment_id=assessment.pk, note="Two.")
    # A correction is made after its cycle closed.
    answer(official, correction, indicators(correction)[0], level=3)
    services.assessment_submit(user=official, assessment_id=correction.pk)
    services.review_accept(user=reviewer, assessment_id=correction.pk, principle=1)
    services.review_accept(user=staff, assessment_id=correction.pk, principle=2)
    services.assessment_publish(by=staff, assessment_id=correction.pk)
    assessment.refresh_from_db()
    correction.refresh_from_db()
    assert correction.is_current and not assessment.is_current
    assert assessment.state == AssessmentState.PUBLISHED
    assert list(assessment.corrections.all()) == [correction]
    assert (EventKind.CORRECTION, "") in history(assessment)


def test_a_view_only_secretariat_member_cannot_publish(
    official, assessment, reviewer, staff
):
    accepted(official, assessment, reviewer, staff)
    viewer = person(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_assessment"))
    with pytest.raises(PermissionDenied, match="Only the secretariat"):
        services.assessment_publish(by=viewer, assessment_id=assessment.pk)
