# The stored search columns (intlaffairs/normalize.py SearchTextField), filled and indexed.

import intlaffairs.normalize
from django.db import migrations

from intlaffairs.normalize import search_column_operations


class Migration(migrations.Migration):

    dependencies = [
        ('intlaffairs', '0016_search_text'),
        ('agreements', '0008_arabic_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='agreement',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('title_fa', 'title_en', 'title_ckb')),
        ),
        migrations.AddField(
            model_name='institution',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('name_fa', 'name_en', 'name_ckb', 'city')),
        ),
        *search_column_operations('agreements', 'agreement'),
        *search_column_operations('agreements', 'institution'),
    ]
