"""How views call write services: the service decides, the form or a message shows its answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def apply_validation_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top of the form.
    `field_names` on the form may map a model field to the form field that edits it."""
    if hasattr(error, "error_dict"):
        aliases = getattr(form, "field_names", {})
        for field, errors in error.error_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_service(form, service, /, **kwargs) -> tuple[bool, object]:
    """Call `service(**kwargs)` for a valid form. Returns (True, result); when the service refuses with a
    ValidationError, its messages go on the form and (False, None) is returned, so the view re-renders the
    form with nothing saved (services are atomic)."""
    try:
        return True, service(**kwargs)
    except ValidationError as error:
        apply_validation_error(form, error)
        return False, None


def message_service(request, service, /, *, success: str = "", **kwargs) -> bool:
    """For buttons without a form page of their own (POST, then redirect): call the service and say how it
    went as a message. Returns whether it succeeded."""
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    if success:
        messages.success(request, success)
    return True
