import factory

from sinergi.accounts.models import Membership, Organization, OrganizationKind, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@sinergi.test")
    full_name = factory.Sequence(lambda n: f"Pengguna {n}")
    password = factory.django.Password("rahasia-uji-123")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.COOPERATIVE
    name = factory.Sequence(lambda n: f"Koperasi Uji {n}")
    region_id = "32.71.03.1002"  # Paledang, Bogor Tengah, Kota Bogor


class OfficeFactory(OrganizationFactory):
    kind = OrganizationKind.GOVERNMENT
    name = factory.Sequence(lambda n: f"Dinas Koperasi Uji {n}")
    jurisdiction_id = "32.71"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "pengurus"
