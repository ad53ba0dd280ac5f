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
    from digitalrights.opendata.common import Places, with_place

    named = member_city()
    named.membership.display_name = "Ciutat de Prova"
    named.membership.save()
    plain = member_city()
    outsider = City.objects.exclude(membership__isnull=False).first()
    made = [InitiativeFactory(city=city) for city in (named, plain, outsider)]
    with translation.override(language):
        rows = with_place(Initiative.objects.filter(pk__in=[i.pk for i in made]))
        by_row = {row.pk: Places().out_of(row) for row in rows}
        for initiative in made:
            city = City.objects.select_related("membership").get(pk=initiative.city_id)
            assert by_row[initiative.pk] == Places().out(city)
    assert by_row[made[0].pk]["name"] == "Ciutat de Prova"
