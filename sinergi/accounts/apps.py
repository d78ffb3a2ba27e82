from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sinergi.accounts"
    label = "accounts"
    verbose_name = "Akun dan organisasi / Accounts"

    def ready(self):
        # In the change history an organisation and a person read by their names (never an id, and
        # never a person's e-mail address).
        from django.utils.translation import gettext as _

        from sinergi.accounts.models import User
        from sinergi.core import audit_text

        def user_names(ids):
            rows = User.objects.filter(pk__in=[i for i in ids if str(i).isdigit()]).values_list(
                "pk", "full_name"
            )
            return {pk: (name or "").strip() or _("pengguna tanpa nama") for pk, name in rows}

        audit_text.register_names("accounts.user", user_names)
        for key in ("organization", "kept", "merged", "merged_into", "target"):
            audit_text.register_field("*", key, audit_text.RELATION, model="accounts.organization")
        audit_text.register_field("*", "user", audit_text.RELATION, model="accounts.user")
