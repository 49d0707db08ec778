"""The shared flow of the case forms: the door, the form, the service (through form_service), the redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from slt.core.shortcuts import form_service

from .. import services
from ..models import YouthCase

NOT_SAVED = gettext_lazy("Nothing was saved. Correct the fields marked below.")


def back_to_case(case: YouthCase, anchor: str):
    return redirect(f"{case.get_absolute_url()}#{anchor}")


def case_form_page(
    request, case, form, *, title, submit, run, success, anchor, template="youthfollowup/form.html", back=None, **extra
):
    """The shared flow of a case form: on a valid POST call the service (its refusal lands on the form, nothing
    is saved) and go back to the case; whenever the page is shown it shows the case, so the read is audited."""
    if request.method == "POST":
        if form.is_valid():
            service, kwargs = run(form.cleaned_data)
            ok, _result = form_service(form, service, actor=request.user, case=case, **kwargs)
            if ok:
                messages.success(request, success)
                return redirect(back) if back else back_to_case(case, anchor)
        messages.error(request, NOT_SAVED)
    # The page shows the case (again, with the errors, after a refused POST): a read, audited.
    services.case_record_view(actor=request.user, case=case)
    cancel = back or f"{case.get_absolute_url()}#{anchor}"
    context = {"case": case, "form": form, "title": title, "submit": submit, "cancel": cancel, **extra}
    return render(request, template, context, status=400 if request.method == "POST" else 200)
