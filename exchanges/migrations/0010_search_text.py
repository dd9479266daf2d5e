# The stored search columns (intlaffairs/normalize.py SearchTextField), filled and indexed.

import intlaffairs.normalize
from django.db import migrations

from intlaffairs.normalize import search_column_operations


class Migration(migrations.Migration):

    dependencies = [
        ('intlaffairs', '0016_search_text'),
        ('exchanges', '0009_arabic_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='shortcourse',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('title_fa', 'title_en', 'title_ckb')),
        ),
        *search_column_operations('exchanges', 'shortcourse'),
    ]
