"""What the collections share: addresses filled in, pages in batches."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from digitalrights.opendata.common import Addresses, batches
from digitalrights.opendata.schemas import site_url


@pytest.mark.parametrize("language", ["en", "ca"])
def test_an_address_filled_in_is_the_one_reverse_gives(language):
    with translation.override(language):
        addresses = Addresses("initiatives:detail")
        for pk, slug in [(1, "a"), (42, "open-data-portal"), (2**31 - 1, "x_y-9")]:
            expected = reverse("initiatives:detail", kwargs={"pk": pk, "slug": slug})
            assert addresses.of(pk, slug) == site_url(expected)
        city = Addresses("cities:city_detail", "geonameid")
        path = reverse("cities:city_detail", kwargs={"geonameid": 7, "slug": "sant"})
        assert city.of(7, "sant") == site_url(path)
        documents = Addresses("monitoring:document", slug=False)
        path = reverse("monitoring:document", kwargs={"pk": 12})
        assert documents.of(12) == site_url(path)


@pytest.mark.parametrize("slug", ["", "with space", "ç", "a/b"])
def test_a_slug_the_address_cannot_take_fails_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        Addresses("initiatives:detail").of(1, slug)


def test_batches_keep_every_row_once_in_order():
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ca"])
def test_a_city_read_with_its_row_is_the_one_read_as_an_object(language):
    """``Places.out_of`` (columns joined to a page's rows) answers what
    ``Places.out`` answers from the city and its membership."""
    from digitalrights.cities.models import City
    from digitalrights.initiatives.models import Initiative
    from digitalrights.initiatives.tests.factories import InitiativeFactory, member_city
    from digitalrights.opendata.common import PLACE_FIELDS, Places, with_place

    named = member_city()
    named.membership.display_name = "Ciutat de Prova"
    named.membership.save()
    plain = member_city()
    outsider = City.objects.exclude(membership__isnull=False).first()
    made = [InitiativeFactory(city=city) for city in (named, plain, outsider)]
    with translation.override(language):
        rows = with_place(Initiative.objects.filter(pk__in=[i.pk for i in made]))
        by_row = {
            row["id"]: Places().out_of(row) for row in rows.values("id", *PLACE_FIELDS)
        }
        for initiative in made:
            city = City.objects.select_related("membership").get(pk=initiative.city_id)
            assert by_row[initiative.pk] == Places().out(city)
    assert by_row[made[0].pk]["name"] == "Ciutat de Prova"


@pytest.mark.django_db
def test_what_a_page_is_filed_under_comes_in_one_query_each_kind_in_order(
    django_assert_num_queries,
):
    """``Filed`` reads principles, topics, links and pictures of a page at
    once, each in the order the page shows them: principles by number,
    topics by name, links and pictures by position, then as added."""
    from wagtail.images import get_image_model

    from digitalrights.core.models import Topic
    from digitalrights.initiatives.models import (
        Initiative,
        InitiativeImage,
        InitiativeLink,
    )
    from digitalrights.initiatives.tests.factories import InitiativeFactory, png
    from digitalrights.opendata.common import Filed
    from digitalrights.sitesearch.selectors import topic_vocabulary

    one, other, bare = InitiativeFactory(), InitiativeFactory(), InitiativeFactory()
    one.principles.set([4, 1, 3])
    other.principles.set([2])
    bare.principles.clear()
    bare.topics.clear()
    topics = sorted(Topic.objects.all()[:3], key=lambda topic: topic.name)
    one.topics.set(reversed(topics))
    for position, label in [(2, "c"), (0, "a"), (1, "b"), (0, "a2")]:
        InitiativeLink.objects.create(
            initiative=one,
            url=f"https://city.example.org/{label}",
            label=label,
            position=position,
        )
    image = get_image_model().objects.create(title="P", file=png())
    for position, alt in [(1, "second"), (0, "first"), (1, "third")]:
        InitiativeImage.objects.create(
            initiative=one, image=image, alt=alt, position=position
        )
    topic_vocabulary()  # read once a process, as on any page
    with django_assert_num_queries(1):
        filed = Filed(
            Initiative,
            [one.pk, other.pk, bare.pk],
            owner="initiative",
            links=InitiativeLink,
            pictures=InitiativeImage,
        )
    assert filed.principles[one.pk] == [1, 3, 4]
    assert filed.principles[other.pk] == [2]
    assert [t["slug"] for t in filed.topics[one.pk]] == [t.slug for t in topics]
    assert [link["label"] for link in filed.links[one.pk]] == ["a", "a2", "b", "c"]
    assert [alt for _image, alt, _caption in filed.pictures[one.pk]] == [
        "first",
        "second",
        "third",
    ]
    assert filed.principles[bare.pk] == filed.topics[bare.pk] == []
    assert filed.links[bare.pk] == filed.pictures[bare.pk] == []
    with django_assert_num_queries(0):
        assert Filed(Initiative, []).principles == {}
