import pytest


@pytest.mark.django_db
def test_picker_fills_next_level_after_a_choice(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.get(
        "/wilayah/pilih/", {"field": "region", "changed": "2", "region_1": "32", "region_2": "32.71"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="32.71.03"' in html  # Bogor Tengah listed as a kecamatan choice
    assert 'name="region" value="32.71"' in html


@pytest.mark.django_db
def test_picker_clears_deeper_levels_when_a_higher_one_changes(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.get(
        "/wilayah/pilih/",
        {"field": "region", "changed": "2", "region_1": "32", "region_2": "32.73", "region_3": "32.71.03"},
    )
    html = response.content.decode()
    assert 'name="region" value="32.73"' in html
    assert 'value="32.73.02"' in html and 'value="32.71.03"' not in html
