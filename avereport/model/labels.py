"""French names of the domain's enumerations, shared by the CLI, checks, UI and PDF."""

from __future__ import annotations

from avereport.model.edition import EventKind, MeetingKind, NetworkKind, Qualifier, SectionKind, TrainingMode

SECTION_KIND_LABELS: dict[SectionKind, str] = {
    SectionKind.NARRATIVE: "Texte",
    SectionKind.MEMBERSHIP: "Adhérents",
    SectionKind.COVERAGE: "Couverture du réseau",
    SectionKind.MAPS: "Cartes",
    SectionKind.BOARD: "Conseil d'administration",
    SectionKind.BUREAU: "Bureau",
    SectionKind.GOVERNANCE_EVENTS: "Vie des instances",
    SectionKind.MEETINGS: "Réunions",
    SectionKind.REGIONAL_BODIES: "Instances régionales",
    SectionKind.STAFF: "Équipe",
    SectionKind.KEY_FIGURES: "Chiffres clés",
    SectionKind.TRAINING: "Formations",
    SectionKind.ASSISTANCE: "Assistance technique",
    SectionKind.CLUBS: "Clubs utilisateurs",
    SectionKind.WEBINARS: "Webinaires",
    SectionKind.LIST: "Liste",
    SectionKind.COMMUNICATION: "Communication",
}

NETWORK_KIND_LABELS: dict[NetworkKind, str] = {
    NetworkKind.PLIE: "PLIE",
    NetworkKind.MDE: "Maisons de l'Emploi",
    NetworkKind.OI: "Organismes intermédiaires pivots",
}

EVENT_KIND_LABELS: dict[EventKind, str] = {
    EventKind.ELECTION: "Élection",
    EventKind.RESIGNATION: "Démission",
    EventKind.ARRIVAL: "Arrivée",
    EventKind.DEPARTURE: "Départ",
    EventKind.HONORARY: "Titre honorifique",
    EventKind.OTHER: "Autre",
}

MEETING_KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.BOARD: "Conseil d'administration",
    MeetingKind.GENERAL_ASSEMBLY: "Assemblée générale",
    MeetingKind.SEMINAR: "Séminaire",
    MeetingKind.OTHER: "Autre réunion",
}

TRAINING_MODE_LABELS: dict[TrainingMode, str] = {
    TrainingMode.ON_SITE: "Sur site",
    TrainingMode.REMOTE: "À distance",
}

QUALIFIER_LABELS: dict[Qualifier, str] = {
    Qualifier.EXACT: "exact",
    Qualifier.OVER: "plus de",
    Qualifier.NEARLY: "près de",
    Qualifier.ABOUT: "environ",
}
