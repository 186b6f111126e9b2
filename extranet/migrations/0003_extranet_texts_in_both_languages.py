"""Meetings, minutes, agenda items, annexes, follow-up actions and internal documents in French and
English: each existing column becomes the French one (renamed, so no text is lost), and an empty
English column is added next to it."""

import wagtail.fields
from django.db import migrations, models

BILINGUAL_FIELDS = {
    "meeting": ["title", "place", "counterparts", "agenda"],
    "minutes": ["summary"],
    "agendaitem": ["title", "discussion", "decisions"],
    "minutesannex": ["title"],
    "followupaction": ["description"],
    "internaldocument": ["title", "description"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("extranet", "0002_declarationproposal"),
    ]

    operations = [
        migrations.RenameField(model_name=model, old_name=name, new_name=f"{name}_fr")
        for model, names in BILINGUAL_FIELDS.items()
        for name in names
    ] + [
        migrations.AlterModelOptions(
            name="internaldocument",
            options={
                "ordering": ["category", "title_fr"],
                "verbose_name": "internal document",
                "verbose_name_plural": "internal documents",
            },
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="decisions_en",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="decisions (English)"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="discussion_en",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="discussion (English)"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="title_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="followupaction",
            name="description_en",
            field=models.TextField(blank=True, verbose_name="what (English)"),
        ),
        migrations.AddField(
            model_name="internaldocument",
            name="description_en",
            field=models.TextField(blank=True, verbose_name="description (English)"),
        ),
        migrations.AddField(
            model_name="internaldocument",
            name="title_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="agenda_en",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="agenda (English)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="counterparts_en",
            field=models.TextField(blank=True, verbose_name="who we meet (English)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="place_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="place (English)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="title_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="minutes",
            name="summary_en",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="summary (English)"),
        ),
        migrations.AddField(
            model_name="minutesannex",
            name="title_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="title (English)"),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="decisions_fr",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="decisions (French)"),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="discussion_fr",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="discussion (French)"),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="title_fr",
            field=models.CharField(max_length=255, verbose_name="title (French)"),
        ),
        migrations.AlterField(
            model_name="followupaction",
            name="description_fr",
            field=models.TextField(verbose_name="what (French)"),
        ),
        migrations.AlterField(
            model_name="internaldocument",
            name="description_fr",
            field=models.TextField(blank=True, verbose_name="description (French)"),
        ),
        migrations.AlterField(
            model_name="internaldocument",
            name="title_fr",
            field=models.CharField(max_length=255, verbose_name="title (French)"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="agenda_fr",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="agenda (French)"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="counterparts_fr",
            field=models.TextField(blank=True, verbose_name="who we meet (French)"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="place_fr",
            field=models.CharField(blank=True, max_length=255, verbose_name="place (French)"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="title_fr",
            field=models.CharField(max_length=255, verbose_name="title (French)"),
        ),
        migrations.AlterField(
            model_name="minutes",
            name="summary_fr",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="summary (French)"),
        ),
        migrations.AlterField(
            model_name="minutesannex",
            name="title_fr",
            field=models.CharField(max_length=255, verbose_name="title (French)"),
        ),
    ]
