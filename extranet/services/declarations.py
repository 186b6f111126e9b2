"""Declarations in the member area: signing them as an association, and proposing new ones.

A proposal is a draft declaration page carried by the association, in moderation; the
proposal itself keeps the English texts. Once the page is approved and published, those
texts become its English translation through wagtail-localize (``translate_approved_proposal``),
so that later edits of either language are tracked like any other translation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log as log_action
from wagtail.models import Locale, Page, WorkflowState
from wagtail.rich_text import RichText
from wagtail_localize.segments.extract import extract_segments

from home.core import given_translations as translations
from home.core.text import plain_to_rich_text, rich_text_to_plain
from home.core.tree import active_locale
from home.declarations.pages import live_declarations, open_declarations
from home.declarations.signing import sign_as_association
from home.models import Association, DeclarationIndexPage, DeclarationPage, Signature, SignatureKind

from ..models import DeclarationProposal
from .collections import proposed_declarations_collection
from .documents import store_document
from .moderation import last_approver, moderation_state

logger = logging.getLogger(__name__)

# --- Signing as an association -------------------------------------------------------


def association_signatures(declarations, associations) -> dict[tuple, Signature]:
    """{(translation_key, association pk): signature} for these declarations and associations."""
    signatures = Signature.objects.filter(
        kind=SignatureKind.ORGANISATION,
        declaration_key__in=[declaration.translation_key for declaration in declarations],
        association__in=list(associations),
    ).select_related("signed_by")
    return {(signature.declaration_key, signature.association_id): signature for signature in signatures}


def declarations_to_sign(associations) -> list[dict]:
    """For the dashboard: each open declaration with, per association, its signature or None."""
    associations = list(associations)
    declarations = open_declarations(active_locale().pk)
    signatures = association_signatures(declarations, associations)
    return [
        {
            "declaration": declaration,
            "rows": [
                {"association": association, "signature": signatures.get((declaration.translation_key, association.pk))}
                for association in associations
            ],
        }
        for declaration in declarations
    ]


def find_declaration(translation_key) -> DeclarationPage | None:
    """The live declaration with this translation key, in the active language when it exists."""
    pages = list(live_declarations().filter(translation_key=translation_key))
    locale = active_locale()
    return next((page for page in pages if page.locale_id == locale.pk), pages[0] if pages else None)


class DeclarationClosed(Exception):
    """The declaration no longer takes signatures."""


def sign_for_association(*, declaration: DeclarationPage, association: Association, user) -> tuple[Signature, bool]:
    """The association signs (once; signing again changes nothing). The caller checks the user's right
    (``permissions.may_sign_for_association``) and the user's confirmation."""
    if not declaration.is_open_for_signature:
        raise DeclarationClosed
    signature, created = sign_as_association(declaration=declaration, association=association, user=user)
    if created:
        log_action(instance=signature, action="extranet.association_sign", user=user)
    return signature, created


@transaction.atomic
def withdraw_for_association(*, declaration: DeclarationPage, association: Association, user) -> bool:
    """Withdraw the association's signature while the declaration takes signatures; False if there was none.

    Logged like signing (the entry keeps who withdrew, the signature itself is deleted). Deleting a
    confirmed signature starts a new content generation (``home.core.caching.invalidation``), as
    confirming one does: the public count and list of signatories change at once.
    The caller checks the user's right (``permissions.may_sign_for_association``).
    """
    if not declaration.is_open_for_signature:
        raise DeclarationClosed
    signature = (
        Signature.objects.select_for_update()
        .filter(declaration_key=declaration.translation_key, kind=SignatureKind.ORGANISATION, association=association)
        .first()
    )
    if signature is None:
        return False
    log_action(instance=signature, action="extranet.association_withdraw", user=user)
    signature.delete()
    return True


# --- Proposals -----------------------------------------------------------------------


class NoModerationWorkflow(Exception):
    """No moderation workflow covers the declarations: a proposal would reach nobody."""


class ProposalNotRevisable(Exception):
    """Only a proposal the coordination sent back for changes can be revised."""


class ProposalState:
    AWAITING = "awaiting"
    PUBLISHED = "published"
    NEEDS_CHANGES = "needs_changes"
    NOT_PUBLISHED = "not_published"  # moderation cancelled, or unpublished later
    DELETED = "deleted"


@dataclass(frozen=True, kw_only=True)
class ProposedTexts:
    """What an association types to propose (or revise) a declaration: the fields of ``DeclarationProposalForm``.

    French texts required, English ones optional; ``document`` None keeps the document already sent.
    """

    title_fr: str
    summary_fr: str
    text_fr: str
    title_en: str = ""
    summary_en: str = ""
    text_en: str = ""
    document: UploadedFile | None = None
    external_url: str = ""


def declarations_index() -> DeclarationIndexPage | None:
    """The declarations index of the default (French) language, where proposals are created."""
    return DeclarationIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()


def _set_proposed_texts(page: DeclarationPage, proposal: DeclarationProposal, texts: ProposedTexts, *, author) -> None:
    """The typed texts where they are kept: the French ones, link and document on the draft page
    (escaped: nothing becomes markup), the English ones on the proposal, for the translators."""
    page.title = texts.title_fr.strip()
    page.introduction = strip_tags(texts.summary_fr).strip()[:600]
    page.summary = plain_to_rich_text(texts.summary_fr)
    page.body = [("paragraph", RichText(plain_to_rich_text(texts.text_fr)))]
    page.external_url = texts.external_url
    if texts.document is not None:  # else the document already sent stays
        stored = store_document(
            uploaded_file=texts.document, title=page.title, collection=proposed_declarations_collection(), user=author
        )
        page.documents = [("document", {"document": stored, "title": "", "language": ""})]
    proposal.title = page.title
    proposal.title_en = texts.title_en.strip()
    proposal.summary_en = texts.summary_en.strip()
    proposal.text_en = texts.text_en.strip()


@transaction.atomic
def propose_declaration(*, association: Association, author, texts: ProposedTexts) -> DeclarationProposal:
    """Create a draft declaration page carried by the association and submit it to moderation.

    Association users have no admin rights: nothing here asks for any. The typed texts are
    escaped (nothing becomes markup); the English texts wait in the proposal until the page
    is approved, then become its English translation.
    """
    index = declarations_index()
    workflow = index.get_workflow() if index is not None else None
    if workflow is None:
        raise NoModerationWorkflow
    slug = find_available_slug(index, slugify(texts.title_fr.strip())[:80].strip("-") or "declaration")
    page = DeclarationPage(
        slug=slug,
        locale=index.locale,
        live=False,
        owner=author,
        signatures_open=False,  # a coordinator opens it once published
    )
    proposal = DeclarationProposal(association=association, proposer=author)
    _set_proposed_texts(page, proposal, texts, author=author)
    page.carried_by = [association]
    index.add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    workflow.start(page, author)
    proposal.page = page
    proposal.save()
    log_action(instance=proposal, action="extranet.declaration_propose", user=author)
    return proposal


def proposal_initial(proposal: DeclarationProposal) -> dict:
    """The proposal's texts as its latest draft holds them (a coordinator may have corrected them)."""
    page = proposal.page.get_latest_revision_as_object()
    body = "".join(block.value.source for block in page.body if block.block_type == "paragraph")
    return {
        "title_fr": page.title,
        "summary_fr": page.introduction,
        "text_fr": rich_text_to_plain(body),
        "title_en": proposal.title_en,
        "summary_en": proposal.summary_en,
        "text_en": proposal.text_en,
        "external_url": page.external_url,
    }


@transaction.atomic
def revise_proposal(proposal: DeclarationProposal, *, author, texts: ProposedTexts) -> DeclarationProposal:
    """Save the revised texts as a new draft of the page and send it back to moderation."""
    if proposal.page is None or proposal_status(proposal)["state"] != ProposalState.NEEDS_CHANGES:
        raise ProposalNotRevisable
    state, _comment = moderation_state(proposal.page)
    page = proposal.page.get_latest_revision_as_object()
    _set_proposed_texts(page, proposal, texts, author=author)
    page.save_revision(user=author, log_action=True)
    state.resume(user=author)
    proposal.save(update_fields=["title", "title_en", "summary_en", "text_en"])
    log_action(instance=proposal, action="extranet.declaration_revise", user=author)
    return proposal


def proposal_status(proposal: DeclarationProposal) -> dict:
    """What the proposing association sees: the state, the coordinator's comment, the public address."""
    page = proposal.page
    if page is None:
        return {"state": ProposalState.DELETED, "comment": "", "url": ""}
    if page.live:
        translation = page.get_translation_or_none(active_locale())
        shown = translation if translation is not None and translation.live else page
        return {"state": ProposalState.PUBLISHED, "comment": "", "url": shown.get_url() or ""}
    state, comment = moderation_state(page)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return {"state": ProposalState.AWAITING, "comment": "", "url": ""}
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return {"state": ProposalState.NEEDS_CHANGES, "comment": comment, "url": ""}
    return {"state": ProposalState.NOT_PUBLISHED, "comment": comment, "url": ""}


def proposal_status_with_english(proposal: DeclarationProposal) -> dict:
    """``proposal_status`` and, under ``english``, where its English version stands (``english_state``)."""
    return {**proposal_status(proposal), "english": english_state(proposal)}


def proposals_of(association: Association) -> list[tuple[DeclarationProposal, dict]]:
    proposals = association.declaration_proposals.select_related("page", "proposer").order_by("-created_at")
    return [(proposal, proposal_status_with_english(proposal)) for proposal in proposals]


# --- The English version of a proposal -------------------------------------------------------


class EnglishState:
    TRANSLATED = "translated"  # the page has its English translation
    ON_APPROVAL = "on_approval"  # the member gave the English texts: translated once approved
    MISSING = "missing"  # no English text given and no translation: the coordination has to write it


def english_locale() -> Locale | None:
    return Locale.objects.filter(language_code="en").first()


def english_translation(proposal: DeclarationProposal) -> Page | None:
    """The English translation of the proposal's page, published or not, if there is one."""
    locale = english_locale()
    if proposal.page is None or locale is None:
        return None
    return proposal.page.get_translation_or_none(locale)


def english_state(proposal: DeclarationProposal) -> str:
    """Where the English version of the proposed declaration stands (an ``EnglishState``)."""
    if english_translation(proposal) is not None:
        return EnglishState.TRANSLATED
    return EnglishState.ON_APPROVAL if proposal.has_english_texts else EnglishState.MISSING


def english_paragraphs(texts: list[str], count: int) -> list[str]:
    """The member's English paragraphs as ``count`` strings, one for each French paragraph.

    The form asks for as many paragraphs as in French; a coordinator may have changed the French
    draft since: extra English paragraphs then join the last one (line breaks between them), and
    missing ones are blank (a no-break space: wagtail-localize takes an empty string as untranslated,
    and would show the French paragraph instead).
    """
    if count == 0 or len(texts) == count:
        return texts[:count]
    if len(texts) > count:
        return [*texts[: count - 1], "<br/><br/>".join(texts[count - 1 :])]
    return [*texts, *["\u00a0"] * (count - len(texts))]


def english_twin(page: DeclarationPage, proposal: DeclarationProposal) -> DeclarationPage:
    """An unsaved copy of the published French page with the member's English texts (same block ids)."""
    twin = DeclarationPage.objects.get(pk=page.pk)
    twin.title = proposal.title_en
    twin.slug = slugify(proposal.title_en)[:80].strip("-") or page.slug
    twin.introduction = strip_tags(proposal.summary_en).strip()[:600]
    twin.summary = plain_to_rich_text(proposal.summary_en)
    text_given = False
    for index, block in enumerate(twin.body):
        if block.block_type == "paragraph" and not text_given:  # the text the member typed
            twin.body[index] = ("paragraph", RichText(plain_to_rich_text(proposal.text_en)), block.id)
            text_given = True
    return twin


def create_english_translation(proposal: DeclarationProposal, *, user=None):
    """The English translation of the proposal's published page, from the member's English texts,
    through wagtail-localize; None when there is nothing to create (no English texts, a translation
    already there, the page not live, or no English declarations index to put it in)."""
    locale = english_locale()
    if locale is None or proposal.page_id is None or not proposal.has_english_texts:
        return None
    page = DeclarationPage.objects.get(pk=proposal.page_id)
    if not page.live or page.get_translation_or_none(locale) is not None:
        return None
    twin = english_twin(page, proposal)
    french_strings = translations.strings_by_path(extract_segments(page))
    english_strings = translations.english_strings(twin)
    for path, strings in french_strings.items():  # paragraphs pair up one to one with the French ones
        english_strings[path] = english_paragraphs(english_strings.get(path, []), len(strings))
    try:
        return translations.publish_translation(page, twin, locale, english_strings, user=user)
    except ParentNotTranslatedError:
        logger.warning("declaration %s: no English declarations index, no English translation", page.pk)
        return None


def translate_approved_proposal(sender, instance, **kwargs) -> None:
    """``page_published``: a proposed declaration just approved (or published) gets its English translation."""
    proposal = DeclarationProposal.objects.filter(page_id=instance.pk).first()
    if proposal is not None:
        create_english_translation(proposal, user=last_approver(instance))
