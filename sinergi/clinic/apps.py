from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "sinergi.clinic"
    label = "clinic"
    verbose_name = "Klinik koperasi dan UMKM / Coaching clinic"

    def ready(self):
        # Attending the training a recommendation points to marks it done (issue: training attended
        # counts as a recommendation done); the events slice calls its watchers on attendance.
        from sinergi.clinic.services import recommendations_training_attended
        from sinergi.events.services.attendance import ATTENDANCE_WATCHERS

        if recommendations_training_attended not in ATTENDANCE_WATCHERS:
            ATTENDANCE_WATCHERS.append(recommendations_training_attended)
