from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from slt.core.pagination import paginate
from slt.core.shortcuts import form_service

from .. import permissions, selectors, services
from ..forms import AgencyForm, AgencySearchForm, ContactFormSet
from ..models import Agency


def agency_list(request):
    search = AgencySearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    agencies = selectors.agency_list(
        request.user,
        search=filters.get("q", ""),
        kind=filters.get("kind", ""),
        include_inactive=filters.get("inactive", False),
    )
    page, query = paginate(request, agencies)
    return render(request, "coordination/agency_list.html", {"search": search, "page": page, "query": query})


def agency_detail(request, pk):
    agency = selectors.get_agency_for_user(request.user, pk)
    return render(
        request,
        "coordination/agency_detail.html",
        {
            "agency": agency,
            "people": agency.users.filter(is_active=True).order_by("first_name", "last_name"),
            "contacts": agency.contacts.all(),
        },
    )


def agency_create(request):
    if not permissions.can_manage_registry(request.user):
        raise PermissionDenied
    return _agency_form(request, Agency())


def agency_update(request, pk):
    return _agency_form(request, selectors.get_agency_for_change(request.user, pk))


def _agency_form(request, agency):
    creating = agency.pk is None
    form = AgencyForm(request.POST or None, instance=agency)
    contacts = ContactFormSet(request.POST or None, instance=agency, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        saved, agency = form_service(
            form,
            services.agency_save,
            actor=request.user,
            agency=form.save(commit=False),
            contacts=contacts.save(commit=False),
            removed_contacts=contacts.deleted_objects,
        )
        if saved:
            message = _("The agency %(name)s was created.") if creating else _("The agency %(name)s was saved.")
            messages.success(request, message % {"name": agency.name})
            return redirect(agency)
    if request.method == "POST":
        messages.error(request, _("The agency was not saved. Correct the fields marked below."))
    return render(
        request,
        "coordination/agency_form.html",
        {"form": form, "contacts": contacts, "agency": form.instance, "creating": creating},
    )
