from django.core import mail

from sinergi.core.notifications import Message, notify, whatsapp_link


def test_whatsapp_link_prefills_message():
    link = whatsapp_link("0812-3456-7890", "Halo Bu Euis")
    assert link == "https://wa.me/6281234567890?text=Halo%20Bu%20Euis"


def test_whatsapp_link_refuses_bad_numbers():
    assert whatsapp_link("12345", "x") is None
    assert whatsapp_link("", "x") is None


def test_notify_sends_email_and_offers_whatsapp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    delivery = notify(
        message=Message(subject="Undangan", body="Isi"), emails=["a@b.test"], phones=["081234567890"]
    )
    assert delivery.emailed == ["a@b.test"]
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Undangan"
    assert delivery.whatsapp_links == ["https://wa.me/6281234567890?text=Undangan%0A%0AIsi"]
