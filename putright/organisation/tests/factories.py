import factory

from putright.organisation.models import Directorate, Team


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Directorate {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("directorate", "name")

    directorate = factory.SubFactory(DirectorateFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
