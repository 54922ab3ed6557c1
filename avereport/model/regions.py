"""French regions as the report counts them: 13 metropolitan, 5 overseas."""

from __future__ import annotations

from enum import StrEnum


class Region(StrEnum):
    ARA = "ARA"
    BFC = "BFC"
    BRE = "BRE"
    CVL = "CVL"
    COR = "COR"
    GES = "GES"
    HDF = "HDF"
    IDF = "IDF"
    NOR = "NOR"
    NAQ = "NAQ"
    OCC = "OCC"
    PDL = "PDL"
    PAC = "PAC"
    GUA = "GUA"
    MTQ = "MTQ"
    GUF = "GUF"
    REU = "REU"
    MAY = "MAY"

    @property
    def label(self) -> str:
        return REGION_LABELS[self]

    @property
    def short_label(self) -> str:
        return REGION_SHORT_LABELS.get(self, REGION_LABELS[self])

    @property
    def overseas(self) -> bool:
        return self in OVERSEAS


REGION_LABELS: dict[Region, str] = {
    Region.ARA: "Auvergne-Rhône-Alpes",
    Region.BFC: "Bourgogne-Franche-Comté",
    Region.BRE: "Bretagne",
    Region.CVL: "Centre-Val de Loire",
    Region.COR: "Corse",
    Region.GES: "Grand Est",
    Region.HDF: "Hauts-de-France",
    Region.IDF: "Île-de-France",
    Region.NOR: "Normandie",
    Region.NAQ: "Nouvelle-Aquitaine",
    Region.OCC: "Occitanie",
    Region.PDL: "Pays de la Loire",
    Region.PAC: "Provence-Alpes-Côte d'Azur",
    Region.GUA: "Guadeloupe",
    Region.MTQ: "Martinique",
    Region.GUF: "Guyane",
    Region.REU: "La Réunion",
    Region.MAY: "Mayotte",
}

REGION_SHORT_LABELS: dict[Region, str] = {
    Region.ARA: "AURA",
    Region.BFC: "BFC",
    Region.CVL: "CVL",
    Region.IDF: "IDF",
    Region.PAC: "PACA",
}

OVERSEAS = frozenset({Region.GUA, Region.MTQ, Region.GUF, Region.REU, Region.MAY})
