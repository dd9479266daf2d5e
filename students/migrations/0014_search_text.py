# The stored search columns (intlaffairs/normalize.py SearchTextField), filled and indexed.

import intlaffairs.normalize
from django.db import migrations

from intlaffairs.normalize import search_column_operations


class Migration(migrations.Migration):

    dependencies = [
        ('intlaffairs', '0016_search_text'),
        ('students', '0013_arab_names_in_four_parts'),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='search_text',
            field=intlaffairs.normalize.SearchTextField(sources=('reference', 'given_name', 'father_name', 'grandfather_name', 'family_name', 'native_name', 'passport_number')),
        ),
        *search_column_operations('students', 'application'),
    ]
