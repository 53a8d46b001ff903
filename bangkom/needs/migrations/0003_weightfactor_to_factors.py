"""WeightFactor moved to ``factors`` (see ``factors.0001_initial``): it leaves this app's
state only; the table stays, now owned by ``factors``."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('needs', '0002_recomputation_job'),
        ('factors', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='WeightFactor')],
            database_operations=[],
        ),
    ]
