from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "sinergi.regions"
    label = "regions"
    verbose_name = "Wilayah / Regions"

    def ready(self):
        # A region in the change history reads by its name and its place, never by its code.
        from sinergi.core.audit_text import register_names
        from sinergi.regions.models import Region

        def names(codes):
            rows = Region.objects.filter(code__in=codes).values_list("code", "name", "path")
            return {code: ", ".join(path.split(", ")[:-1]) or name for code, name, path in rows}

        register_names("regions.region", names)
