"""Writes the demo content to the database, idempotently.

French pages are keyed on their parent and slug and get translation keys derived
from a fixed namespace; English pages are real wagtail-localize translations of
them: the English texts are stored as the translation's strings (so that a later
"sync" from the French page keeps them; ``home.core.given_translations``, shared with the
declarations members propose), then the translation is saved and published.
Nothing is saved when the stored content already matches the data.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments

from home.core import given_translations as translations
from home.core.given_translations import strings_by_path
from home.core.links import site_hostname_and_port
from home.directory import membership
from home.models import (
    Association,
    AssociationContact,
    AssociationReport,
    CollectiveSettings,
    FormField,
    HomePage,
    IssuingBody,
    LegalIdentifier,
    LegalResourceLanguage,
    LegalResourcePage,
    MembershipStatus,
    ReportVisibility,
    ResourceRelation,
    Topic,
)

from . import site
from .associations import ASSOCIATIONS, REPORTS, texts_and_links
from .dates import on
from .files import demo_pdf, demo_text_pdf
from .specs import PageSpec, Ref, demo_uuid
from .taxonomy import ISSUING_BODIES, TOPICS
from .text import T, pick
from .users import DEMO_USERS


def _dump(value) -> str:
    return json.dumps(value, sort_keys=True, cls=DjangoJSONEncoder)


# The legal resources given a demo PDF (the Palermo Protocol, the Council of Europe Convention, directive 2011/36).
LIBRARY_DOCUMENT_KEYS = {"library/01", "library/02", "library/03"}
LIBRARY_DOCUMENT_TITLE = T("Texte (document de démonstration)", "Text (demo document)")


class DemoContentBuilder:
    def __init__(self, *, today: datetime.date, password: str, log: Callable[[str], None]):
        self.today = today
        self.password = password
        self.log = log
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.pages: list[tuple[PageSpec, Page]] = []

    # --- entry point ---------------------------------------------------------------

    def run(self) -> None:
        self.fr, _ = Locale.objects.get_or_create(language_code="fr")
        self.en, _ = Locale.objects.get_or_create(language_code="en")
        self.load_topics()
        self.load_issuing_bodies()
        self.load_associations()
        self.load_reports()
        self.load_users()
        home_spec = site.home_page(self.today)
        self.attach_library_documents(home_spec)
        home = self.ensure_home(home_spec)
        self.ensure_site(home)
        self.remove_welcome_page()
        self.build_children(home, home_spec.children)
        self.link_resources()
        for spec, page in self.pages:
            self.translate(spec, page)
        self.load_settings()

    # --- small tables ----------------------------------------------------------------

    def upsert(self, model, lookup: dict, values: dict, label: str):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.created[label] += 1
            return model.objects.create(**lookup, **values)
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.updated[label] += 1
        return obj

    def load_topics(self) -> None:
        for slug, name in TOPICS.items():
            self.upsert(Topic, {"slug": slug}, {"name_fr": name.fr, "name_en": name.en}, "topics")

    def load_issuing_bodies(self) -> None:
        for slug, (acronym, name, website) in ISSUING_BODIES.items():
            self.upsert(
                IssuingBody,
                {"slug": slug},
                {"acronym": acronym, "name_fr": name.fr, "name_en": name.en, "website": website},
                "issuing bodies",
            )

    def load_associations(self) -> None:
        """The seed's associations, their profiles published; their membership recorded once.

        The membership (status, dates, history) is the demo's only while the association has no
        history: a re-run leaves what a ballot or a coordinator recorded since.
        """
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        for data in ASSOCIATIONS:
            values = {
                "name": data["name"],
                "acronym": data["acronym"],
                **texts_and_links(data),
            }
            wanted_topics = {topics[slug].pk for slug in data["topics"]}
            wanted_contacts = [
                (c["name"], c["role"].fr, c["role"].en, c["email"], c["phone"], c["is_public"])
                for c in data["contacts"]
            ]
            association = Association.objects.filter(slug=data["slug"]).first()
            created = association is None
            if created:
                association = Association(slug=data["slug"], live=False)
                changed = True
            else:
                current_contacts = [
                    (c.name, c.role_fr, c.role_en, c.email, c.phone, c.is_public)
                    for c in association.contacts.order_by("sort_order", "pk")
                ]
                changed = (
                    any(getattr(association, name) != value for name, value in values.items())
                    or {t.pk for t in association.fields_of_action.all()} != wanted_topics
                    or current_contacts != wanted_contacts
                    or not association.live
                )
            if changed:
                self.save_association(association, created, values, data, topics, wanted_topics, wanted_contacts)
            if not association.status_periods.exists():
                self.record_demo_membership(association, data)

    def save_association(self, association, created, values, data, topics, wanted_topics, wanted_contacts) -> None:
        for name, value in values.items():
            setattr(association, name, value)
        association.fields_of_action.set([topics[slug] for slug in data["topics"]])
        association.contacts = [  # in the order of the data: sort_order set, as the admin's form does
            AssociationContact(
                name=name,
                role_fr=role_fr,
                role_en=role_en,
                email=email,
                phone=phone,
                is_public=is_public,
                sort_order=order,
            )
            for order, (name, role_fr, role_en, email, phone, is_public) in enumerate(wanted_contacts)
        ]
        if created:
            association.save()
        association.save_revision().publish()
        (self.created if created else self.updated)["associations"] += 1

    def record_demo_membership(self, association, data) -> None:
        """SOS Esclaves: an observer from 29 September 2014 for one year; the others: members since a date not known."""
        if data.get("status") == MembershipStatus.OBSERVER:
            membership.start_observer_year(
                association,
                data["status_since"],
                note_fr="Présentée au collectif lors de la réunion du 29 septembre 2014.",
                note_en="Introduced to the collective at the meeting of 29 September 2014.",
            )
        else:
            membership.record_status(association, MembershipStatus.MEMBER, data.get("status_since"))

    def load_reports(self) -> None:
        """Public activity reports, their titles in both languages (the file is created once)."""
        Document = get_document_model()
        for slug, year, title, text in REPORTS:
            association = Association.objects.filter(slug=slug).first()
            if association is None:
                continue
            report = AssociationReport.objects.filter(association=association, year=year).first()
            if report is None:
                document = Document(title=title.fr, collection=Collection.get_first_root_node())
                document.file.save(f"rapport-{slug}-{year}.pdf", ContentFile(demo_pdf(text)), save=False)
                document.save()
                report = AssociationReport(association=association, year=year, document=document)
            values = {"title_fr": title.fr, "title_en": title.en, "visibility": ReportVisibility.PUBLIC}
            changed = report.pk is None or any(getattr(report, name) != value for name, value in values.items())
            if not changed:
                continue
            (self.updated if report.pk else self.created)["reports"] += 1
            for name, value in values.items():
                setattr(report, name, value)
            report.save()

    def attach_library_documents(self, home_spec: PageSpec) -> None:
        """A PDF of a few pages (French, then English) for some legal resources, so that their text can be
        searched; the copies of ``load_demo_content --scale`` (keys ``scale/N/library/…``) show the same one."""
        Document = get_document_model()
        specs = [home_spec]
        while specs:
            spec = specs.pop()
            specs.extend(spec.children)
            original_key = spec.key.split("/", 2)[2] if spec.key.startswith("scale/") else spec.key
            if original_key not in LIBRARY_DOCUMENT_KEYS:
                continue
            title = f"Démo : {spec.slug.fr}"
            document = Document.objects.filter(title=title).first()
            if document is None:
                document = Document(title=title, collection=Collection.get_first_root_node())
                summary = spec.fields["summary"]
                content = demo_text_pdf([(spec.title.fr, summary.fr), (spec.title.en, summary.en)])
                document.file.save(f"{spec.slug.fr}.pdf", ContentFile(content), save=False)
                document.save()
                self.created["library documents"] += 1
            spec.streams["documents"] = [
                ("document", {"document": document.pk, "title": LIBRARY_DOCUMENT_TITLE, "language": ""})
            ]

    def load_users(self) -> None:
        User = get_user_model()
        for email, first_name, last_name, coordinator in DEMO_USERS:
            user = User.objects.filter(username=email).first()
            if user is None:
                user = User(username=email, email=email, first_name=first_name, last_name=last_name)
                user.is_staff = user.is_superuser = coordinator
                user.set_password(self.password)
                user.save()
                self.created["users"] += 1
            elif coordinator and not (user.is_staff and user.is_superuser):
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
                self.updated["users"] += 1
            address, created = EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if not created and not (address.verified and address.primary):
                address.verified = address.primary = True
                address.save(update_fields=["verified", "primary"])

    def load_settings(self) -> None:
        settings = CollectiveSettings.load()
        defaults = {
            "coordination_email": "coordination@example.org",
            "coordination_name": "Secours Catholique – Caritas France",
            "postal_address": "106 rue du Bac\n75341 Paris cedex 07",
        }
        privacy = next((page for spec, page in self.pages if spec.key == "privacy"), None)
        if privacy is not None:
            defaults["privacy_page"] = privacy
        # Fill only what is empty: editors may have changed these settings.
        changed = [name for name, value in defaults.items() if not getattr(settings, name)]
        if changed:
            for name in changed:
                setattr(settings, name, defaults[name])
            settings.save(update_fields=changed)

    # --- French page tree --------------------------------------------------------------

    def ensure_home(self, spec: PageSpec) -> HomePage:
        home = HomePage.objects.filter(depth=2, locale=self.fr).first()
        created = home is None
        if created:
            home = HomePage(locale=self.fr, translation_key=demo_uuid("page", spec.key), live=False)
        changed = self.apply(home, spec, "fr", created=created)
        if created:
            Page.get_first_root_node().add_child(instance=home)
        self.publish_if(home, created, changed, "pages (fr)")
        self.pages.append((spec, home))
        return home

    def ensure_site(self, home: HomePage) -> None:
        # At SITE_URL's address (``make run``: 127.0.0.1:8000), so Wagtail finds it for the requests it serves.
        hostname, port = site_hostname_and_port()
        values = {"hostname": hostname, "port": port, "root_page_id": home.pk, "site_name": site.COLLECTIVE_NAME.fr}
        current = Site.objects.filter(is_default_site=True).first()
        if current is None:
            Site.objects.create(is_default_site=True, **values)
            self.created["sites"] += 1
            return
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if changed:
            for name in changed:
                setattr(current, name, values[name])
            current.save()
            self.updated["sites"] += 1

    def remove_welcome_page(self) -> None:
        """Delete Wagtail's default "Welcome" page (a plain ``Page`` under the root)."""
        plain_page = ContentType.objects.get_for_model(Page)
        roots = Site.objects.values_list("root_page_id", flat=True)
        for page in Page.objects.filter(depth=2, content_type=plain_page).exclude(pk__in=roots):
            self.log(f"Deleting the default page « {page.title} »")
            page.delete()

    def build_children(self, parent: Page, specs: list[PageSpec]) -> None:
        for spec in specs:
            model = apps.get_model(spec.model)
            page = model.objects.child_of(parent).filter(slug=spec.slug.fr).first()
            created = page is None
            if created:
                page = model(locale=self.fr, translation_key=demo_uuid("page", spec.key), live=False)
                if spec.model == "home.NewsPage":
                    date = spec.fields["date"]
                    page.first_published_at = on(date, 9)
            changed = self.apply(page, spec, "fr", created=created)
            if created:
                parent.add_child(instance=page)
            self.publish_if(page, created, changed, "pages (fr)")
            self.pages.append((spec, page))
            self.build_children(page, spec.children)

    def publish_if(self, page: Page, created: bool, changed: bool, label: str) -> None:
        if created or changed or not page.live:
            page.save_revision().publish()
            (self.created if created else self.updated)[label] += 1

    # --- setting a page's fields from its spec ---------------------------------------------

    def keep_existing(self, page: Page, name: str) -> bool:
        """Fields in ``spec.keep`` stay as set, unless empty (or, for events, past)."""
        if name in ("start", "end"):
            return page.start is not None and page.start >= timezone.now()
        return getattr(page, name) is not None

    def apply(self, page: Page, spec: PageSpec, lang: str, *, created: bool) -> bool:
        """Set ``page``'s fields to the ``lang`` texts of ``spec``; True if anything changed."""
        changed = False

        def assign(name, value):
            nonlocal changed
            if getattr(page, name) != value:
                setattr(page, name, value)
                changed = True

        assign("title", pick(spec.title, lang))
        assign("slug", pick(spec.slug, lang))
        assign("show_in_menus", spec.show_in_menus)
        for name, value in spec.fields.items():
            if name in spec.keep and not created and self.keep_existing(page, name):
                continue
            value = pick(value, lang)
            if isinstance(value, Ref):
                related = apps.get_model(value.model).objects.get(slug=value.slug)
                if getattr(page, f"{name}_id") != related.pk:
                    setattr(page, name, related)
                    changed = True
            else:
                assign(name, value)

        for name, blocks in spec.streams.items():
            stream_block = page._meta.get_field(name).stream_block
            raw = [
                {"type": block_type, "value": pick(value, lang), "id": str(demo_uuid("block", spec.key, name, str(i)))}
                for i, (block_type, value) in enumerate(blocks)
            ]
            wanted = stream_block.to_python(raw)
            if created or _dump(getattr(page, name).get_prep_value()) != _dump(wanted.get_prep_value()):
                setattr(page, name, wanted)
                changed = True

        changed |= self.apply_m2m(page, spec)

        if spec.languages is not None and [item.language for item in page.languages.all()] != spec.languages:
            page.languages = [LegalResourceLanguage(language=code) for code in spec.languages]
            changed = True

        if spec.identifiers is not None and [(i.scheme, i.value) for i in page.identifiers.all()] != spec.identifiers:
            page.identifiers = [
                LegalIdentifier(scheme=scheme, value=value, sort_order=i)
                for i, (scheme, value) in enumerate(spec.identifiers)
            ]
            changed = True

        if spec.form_fields is not None:
            wanted_fields = []
            for i, data in enumerate(spec.form_fields):
                form_field = FormField(
                    label=pick(data["label"], lang),
                    field_type=data["field_type"],
                    required=data["required"],
                    translation_key=demo_uuid("form-field", spec.key, str(i)),
                    locale=self.fr if lang == "fr" else self.en,
                    sort_order=i,
                )
                form_field.clean_name = form_field.get_field_clean_name()
                wanted_fields.append(form_field)

            def signature(fields):
                return [(f.label, f.field_type, f.required, f.clean_name, str(f.translation_key)) for f in fields]

            if signature(page.form_fields.all()) != signature(wanted_fields):
                page.form_fields = wanted_fields
                changed = True
        return changed

    def link_resources(self) -> None:
        """The links between legal resources, once all the French pages exist (a link may point to a later one)."""
        for spec, page in self.pages:
            if not spec.relations:
                continue
            keys = {demo_uuid("page", key): key for _kind, key in spec.relations}
            targets = {
                keys[target.translation_key]: target.pk
                for target in LegalResourcePage.objects.filter(translation_key__in=keys, locale=self.fr)
            }
            missing = sorted(set(keys.values()) - set(targets))
            if missing:
                raise CommandError(f"{spec.key}: links to pages that are not in the demo: {', '.join(missing)}")
            wanted = [(kind, targets[key]) for kind, key in spec.relations]
            resource = LegalResourcePage.objects.get(pk=page.pk)
            if [(item.kind, item.target_id) for item in resource.relations.all()] == wanted:
                continue
            resource.relations = [
                ResourceRelation(kind=kind, target_id=target_id, sort_order=i)
                for i, (kind, target_id) in enumerate(wanted)
            ]
            resource.save_revision().publish()
            self.updated["links between resources"] += 1

    def apply_m2m(self, page: Page, spec: PageSpec) -> bool:
        changed = False
        for name, slugs in spec.m2m.items():
            related_model = page._meta.get_field(name).related_model
            objects = list(related_model.objects.filter(slug__in=slugs))
            if len(objects) != len(slugs):
                raise CommandError(f"{spec.key}: unknown {name} in {slugs}")
            manager = getattr(page, name)
            if {obj.pk for obj in manager.all()} != {obj.pk for obj in objects}:
                manager.set(objects)
                changed = True
        return changed

    # --- English translations ------------------------------------------------------------

    def translate(self, spec: PageSpec, page: Page) -> None:
        model = type(page)
        french = model.objects.get(pk=page.pk)
        previous = (
            TranslationSource.objects.filter(object_id=french.translation_key, locale=self.fr)
            .values_list("last_updated_at", flat=True)
            .first()
        )
        source, _ = TranslationSource.update_or_create_from_instance(french)
        source_changed = source.last_updated_at != previous
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=self.en)

        # An unsaved English twin of the French page, with the same block ids and
        # child translation keys, so that segments pair up by path.
        english = model.objects.get(pk=page.pk)
        self.apply(english, spec, "en", created=False)
        french_segments = extract_segments(french)
        english_segments = extract_segments(english)

        try:
            strings_changed = translations.store_strings(
                translation, french_segments, strings_by_path(english_segments)
            )
        except translations.StructureMismatch as error:
            raise CommandError(f"{spec.key}: {error}") from error
        overrides_changed = translations.store_overrides(source, self.en, french_segments, english_segments)

        target = french.get_translation_or_none(self.en)
        target = target.specific if target is not None else None
        m2m_differs = target is not None and self.apply_m2m(model.objects.get(pk=target.pk), spec)
        if not (
            target is None
            or source_changed
            or strings_changed
            or overrides_changed
            or m2m_differs
            or target.alias_of_id
            or not target.live
        ):
            return

        # publish=False saves a draft revision without deferring the publication to
        # the end of the transaction (wagtail-localize publishes "on commit"); we
        # publish it right away so that the English children find a live parent.
        translated, created = source.create_or_update_translation(self.en, publish=False, fallback=False)
        if target is None:
            # Same publication date as the French page (news are dated in feeds).
            model.objects.filter(pk=translated.pk).update(first_published_at=french.first_published_at)
        translated = model.objects.get(pk=translated.pk)
        if self.apply_m2m(translated, spec):
            revision = translated.save_revision()
        else:
            revision = translated.get_latest_revision()
        revision.publish()
        (self.created if created or target is None else self.updated)["pages (en)"] += 1
