# The search columns read the Arabic names too (every language in settings.LANGUAGES), and
# the existing rows' columns are recomputed so that they are found by them.

import intlaffairs.normalize
from django.db import migrations

from intlaffairs.normalize import search_column_refill


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0009_search_text'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agreement',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('title_fa', 'title_en', 'title_ckb', 'title_ar')),
        ),
        migrations.AlterField(
            model_name='institution',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('name_fa', 'name_en', 'name_ckb', 'name_ar', 'city')),
        ),
        search_column_refill('agreements', 'agreement'),
        search_column_refill('agreements', 'institution'),
    ]
