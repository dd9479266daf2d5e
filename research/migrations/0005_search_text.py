# The stored search columns (intlaffairs/normalize.py SearchTextField), filled and indexed.

import intlaffairs.normalize
from django.db import migrations

from intlaffairs.normalize import search_column_operations


class Migration(migrations.Migration):

    dependencies = [
        ('intlaffairs', '0016_search_text'),
        ('research', '0004_arabic_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='project',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('title_fa', 'title_en', 'title_ckb')),
        ),
        migrations.AddField(
            model_name='scientist',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('name_latin', 'name_native', 'institution', 'field')),
        ),
        *search_column_operations('research', 'project'),
        *search_column_operations('research', 'scientist'),
    ]
