import datetime as dt

import factory

from putright.complaints.constants import Ombudsman
from putright.ombudsman.models import OmbudsmanCase


class OmbudsmanCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OmbudsmanCase

    reference = factory.Sequence(lambda n: f"22 {n:03d} {n % 1000:03d}")
    ombudsman = Ombudsman.LGSCO
    received = dt.date(2022, 7, 1)
