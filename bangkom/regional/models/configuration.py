"""An instansi's settings for regional needs."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel
from bangkom.lib.ikm import WeightConvention
from bangkom.organisation.models import PositionClass


def default_frontline_classes() -> list[str]:
    """Position classes that usually serve the public face to face (configurable)."""
    return [
        PositionClass.PELAKSANA,
        PositionClass.PEMULA,
        PositionClass.TERAMPIL,
        PositionClass.MAHIR,
        PositionClass.PENYELIA,
        PositionClass.AHLI_PERTAMA,
        PositionClass.AHLI_MUDA,
    ]


CONVENTION_CHOICES = [(c.value, c.label) for c in WeightConvention]


class RegionalSettings(TimeStampedModel):
    """What an instansi chose for its regional needs: the IKM weight convention of its reports,
    when low U6/U7 counts as a signal and how strongly, and whether public input is open."""

    instansi = models.OneToOneField(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="regional_settings"
    )
    ikm_convention = models.CharField(
        _("bobot unsur IKM"),
        max_length=8,
        choices=CONVENTION_CHOICES,
        default=WeightConvention.EXACT.value,
    )
    skm_nrr_threshold = models.DecimalField(
        _("ambang NRR U6/U7"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("3.00"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("4"))],
    )
    skm_factor = models.DecimalField(
        _("faktor sinyal SKM"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("1.5"),
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    skm_frontline_classes = models.JSONField(
        _("kelas jabatan garda depan"), default=default_frontline_classes, blank=True
    )
    public_input_open = models.BooleanField(_("formulir masukan publik dibuka"), default=False)

    class Meta:
        verbose_name = _("pengaturan kebutuhan daerah")
        verbose_name_plural = _("pengaturan kebutuhan daerah")
        constraints = [
            models.CheckConstraint(
                condition=Q(skm_nrr_threshold__gte=1) & Q(skm_nrr_threshold__lte=4),
                name="regional_settings_threshold_1_4",
            ),
            models.CheckConstraint(
                condition=Q(skm_factor__gt=0), name="regional_settings_factor_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id}"

    @property
    def convention(self) -> WeightConvention:
        return WeightConvention(self.ikm_convention)
