from django.core.exceptions import ValidationError


def apply_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors on fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
