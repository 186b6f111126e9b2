"""django-allauth adapter: accounts exist by invitation only, never by open sign-up."""

from allauth.account.adapter import DefaultAccountAdapter


class ClosedAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False
