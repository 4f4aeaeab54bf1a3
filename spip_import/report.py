"""What an import run tells its operator: counts per type and action, what was skipped,
the files missing or refused, and the SPIP shortcuts kept as text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # (label, action) -> n
    skipped: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unconverted: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    # Items reserved to members because SPIP's "Accès restreint" restricted them.
    restricted: list[str] = field(default_factory=list)
    # Items kept as drafts because they cannot be published as they are.
    drafts: list[str] = field(default_factory=list)
    # Items edited in the admin since their import: the editors' version stays.
    kept: list[str] = field(default_factory=list)
    # The labels of feminine nouns ("Actualités"), for counts that agree with them.
    feminine: set[str] = field(default_factory=set)

    def count(self, label: str, action: str, n: int = 1, *, feminine: bool = False) -> None:
        self.counts[(label, action)] += n
        if feminine:
            self.feminine.add(label)

    def changed(self) -> bool:
        """Whether the run created or updated anything."""
        return any(action != "unchanged" for _, action in self.counts)

    def lines(self) -> list[str]:
        head = (
            "Import SPIP (essai à blanc : rien n’a été enregistré)"
            if self.dry_run
            else ("Import SPIP")
        )
        out = [head]
        labels = sorted({label for label, _ in self.counts})
        actions = (("created", "créé"), ("updated", "mis à jour"), ("unchanged", "inchangé"))
        for label in labels:
            figures = ", ".join(
                f"{self.counts[(label, action)]} "
                + _agreeing(word, self.counts[(label, action)], label in self.feminine)
                for action, word in actions
                if self.counts[(label, action)]
            )
            out.append(f"  {label} : {figures or 'aucun'}")
        for title, entries in (
            ("Ignorés", self.skipped),
            ("Fichiers et documents non importés (manquants, refusés ou sans place)", self.files),
            ("Raccourcis SPIP non convertis (gardés en texte)", self.unconverted),
            ("Dates invalides ou différées", self.dates),
            ("Réservés aux adhérents (zones d’Accès restreint)", self.restricted),
            ("Importés en brouillon (à compléter avant de les publier)", self.drafts),
            ("Modifiés sur le portail depuis leur import (gardés tels quels)", self.kept),
        ):
            out.append(f"{title} : {len(entries)}")
            out.extend(f"  - {entry}" for entry in entries)
        return out


def _agreeing(participle: str, count: int, feminine: bool) -> str:
    """ "1 créé", "3 créées", "2 mises à jour": French counts 0 and 1 in the singular."""
    head, _, rest = participle.partition(" ")
    head += "e" if feminine else ""
    head += "s" if count > 1 and not head.endswith("s") else ""
    return f"{head} {rest}" if rest else head
