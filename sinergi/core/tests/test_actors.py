import pytest
from django.contrib.auth import get_user_model

from sinergi.accounts import services
from sinergi.core.actors import SYSTEM_EMAIL, system_user
from sinergi.core.phones import clean_whatsapp, display_phone, normalize_whatsapp
from sinergi.regions import phones


@pytest.mark.django_db
def test_the_system_actor_is_one_account_that_cannot_log_in():
    first = system_user()
    assert (first.email, first.full_name, first.is_system, first.is_active) == (
        SYSTEM_EMAIL,
        "Sistem Sinergi",
        True,
        True,
    )
    assert not first.has_usable_password()
    assert system_user() == first
    assert get_user_model().objects.filter(is_system=True).count() == 1


def test_accounts_and_regions_keep_offering_what_core_now_owns():
    assert services.system_user is system_user
    assert (phones.normalize_whatsapp, phones.clean_whatsapp, phones.display_phone) == (
        normalize_whatsapp,
        clean_whatsapp,
        display_phone,
    )
