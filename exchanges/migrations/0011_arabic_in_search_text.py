# The search columns read the Arabic names too (every language in settings.LANGUAGES), and
# the existing rows' columns are recomputed so that they are found by them.

import intlaffairs.normalize
from django.db import migrations

from intlaffairs.normalize import search_column_refill


class Migration(migrations.Migration):

    dependencies = [
        ('exchanges', '0010_search_text'),
    ]

    operations = [
        migrations.AlterField(
            model_name='shortcourse',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('title_fa', 'title_en', 'title_ckb', 'title_ar')),
        ),
        search_column_refill('exchanges', 'shortcourse'),
    ]
