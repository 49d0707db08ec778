/* Django admin's JavaScript strings that Django 5.2 ships without a Bokmål translation (the calendar's weekdays,
   the two-box selector's buttons). Listed here so that `make messages` keeps them in the project's djangojs
   catalogue (locale/nb/LC_MESSAGES/djangojs.po), which admin's JavaScript catalogue merges over Django's own.
   This file is never served or loaded; it only has to exist. The server-side strings are in admin_strings.py. */
/* global gettext, ngettext, pgettext */
gettext('Choose %s by selecting them and then select the "Choose" arrow button.');
gettext("Choose all %s");
gettext("Choose selected %s");
gettext("Remove selected %s");
gettext('Remove %s by selecting them and then select the "Remove" arrow button.');
gettext("Type into this box to filter down the list of selected %s.");
gettext("(click to clear)");
gettext("Remove all %s");
ngettext("%s selected option not visible", "%s selected options not visible", 1);
gettext("Remove");
gettext("Sunday");
gettext("Monday");
gettext("Tuesday");
gettext("Wednesday");
gettext("Thursday");
gettext("Friday");
gettext("Saturday");
pgettext("abbrev. day Sunday", "Sun");
pgettext("abbrev. day Monday", "Mon");
pgettext("abbrev. day Tuesday", "Tue");
pgettext("abbrev. day Wednesday", "Wed");
pgettext("abbrev. day Thursday", "Thur");
pgettext("abbrev. day Friday", "Fri");
pgettext("abbrev. day Saturday", "Sat");
