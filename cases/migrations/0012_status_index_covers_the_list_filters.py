# The status index holds the columns a date filter and the visibility rules read.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0011_title_keys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='case_status_idx',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['status', '-created_at', '-id'], include=('start_date', 'archived_at', 'sensitivity', 'country'), name='case_status_idx'),
        ),
    ]
