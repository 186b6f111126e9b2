"""The work of the member area, as typed functions the views call: one module per flow.

Callers import the module they need (``from extranet.services import profiles``, then
``profiles.submit_profile(...)``); nothing is re-exported here.

Flows:

- ``invitations``: send an invitation, find it by its link's token, accept it (joining the
  association, with a new account if the invitee has none).
- ``profiles``: the association's profile as last edited, its submission to moderation and
  what a member sees of that moderation.
- ``reports``: upload a yearly report, public or members-only.
- ``meetings``: meetings to come, published minutes, follow-up actions and marking them done.
- ``websites``: ask an association's websites whether they answer (never the server's own network).
- ``checklist``: what an association still has to provide, for its dashboard.
- ``declarations``: open declarations and signing them as an association; proposing a
  declaration, revising it when sent back for changes, the state of each proposal, and its
  English translation, made from the member's English texts once the page is approved.

Shared by several flows:

- ``moderation``: the workflow state of a profile or a page, and the coordinator's last comment.
- ``collections``: the Wagtail collections files are filed in (members-only, public reports,
  proposed declarations).
- ``documents``: an uploaded file stored as a Wagtail document under a generated name.
"""
