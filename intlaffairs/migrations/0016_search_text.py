# The stored search columns (intlaffairs/normalize.py SearchTextField), filled and indexed.

import intlaffairs.normalize
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from intlaffairs.normalize import search_column_operations


class Migration(migrations.Migration):

    dependencies = [
        ('intlaffairs', '0015_arabic_language'),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name='user',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('email', 'full_name', 'full_name_native')),
        ),
        *search_column_operations('intlaffairs', 'user'),
    ]
