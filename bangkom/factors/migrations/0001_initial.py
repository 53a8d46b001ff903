"""WeightFactor moves here from ``needs``: only Django's state changes; the table
``needs_weightfactor`` (created by ``needs.0001_initial``) and its rows stay as they are."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('competencies', '0002_initial'),
        ('organisation', '0001_initial'),
        ('needs', '0002_recomputation_job'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='WeightFactor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='dibuat')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah')),
                        ('tahun', models.PositiveSmallIntegerField(verbose_name='tahun rencana')),
                        ('position_classes', models.JSONField(blank=True, default=list, verbose_name='kelas jabatan')),
                        ('position_keyword', models.CharField(blank=True, max_length=100, verbose_name='kata kunci jabatan')),
                        ('factor', models.DecimalField(decimal_places=3, max_digits=6, validators=[django.core.validators.MinValueValidator(Decimal('0.001'))], verbose_name='faktor')),
                        ('source', models.CharField(choices=[('sinyal', 'Sinyal daerah'), ('prioritas', 'Prioritas RPJMD/Renstra'), ('survei', 'Survei kebutuhan pelatihan'), ('masukan', 'Masukan pemangku kepentingan'), ('skm', 'Survei kepuasan masyarakat (IKM)'), ('kinerja', 'Kesenjangan kinerja (SKP)'), ('manual', 'Penetapan BKPSDM')], max_length=16, verbose_name='sumber')),
                        ('source_key', models.CharField(db_index=True, max_length=100)),
                        ('title', models.CharField(max_length=255, verbose_name='ringkasan')),
                        ('evidence', models.JSONField(blank=True, default=dict, verbose_name='bukti')),
                        ('is_active', models.BooleanField(default=True, verbose_name='aktif')),
                        ('competency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='weight_factors', to='competencies.competency')),
                        ('employee', models.ForeignKey(blank=True, help_text='Hanya untuk satu pegawai (misalnya kesenjangan kinerja SKP-nya).', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='weight_factors', to='organisation.employee')),
                        ('instansi', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='weight_factors', to='organisation.instansi')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='weight_factors', to='organisation.unit')),
                    ],
                    options={
                        'verbose_name': 'faktor bobot',
                        'verbose_name_plural': 'faktor bobot',
                        'ordering': ['instansi', 'tahun', 'competency', 'id'],
                        'indexes': [models.Index(fields=['instansi', 'tahun', 'is_active'], name='needs_weigh_instans_551179_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('factor__gt', 0)), name='weight_factor_positive')],
                        'db_table': 'needs_weightfactor',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
