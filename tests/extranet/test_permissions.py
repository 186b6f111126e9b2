"""The one predicate for "is a coordinator", used by the views, the templates and the middleware."""

from django.contrib.auth.models import AnonymousUser, Permission

from extranet.permissions import is_coordinator

from ..factories import UserFactory


def test_who_is_a_coordinator(db):
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    editor = UserFactory()
    editor.user_permissions.add(admin_access)
    assert is_coordinator(UserFactory(is_superuser=True))
    assert is_coordinator(editor)
    assert not is_coordinator(UserFactory())  # a member of an association
    assert not is_coordinator(UserFactory(is_staff=True))  # Django's staff flag opens no Wagtail admin
    assert not is_coordinator(UserFactory(is_superuser=True, is_active=False))
    assert not is_coordinator(AnonymousUser())
    assert not is_coordinator(None)  # emails rendered without a user
