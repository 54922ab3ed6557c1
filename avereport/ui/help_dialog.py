"""« Aide » : the yearly workflow in a few steps."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP_TEXT = """
<h2>Préparer le rapport d'activité avec avereport</h2>
<p>Tout le rapport d'une année — une <b>édition</b> — vit dans un seul fichier
<code>.db</code>. Chaque modification y est enregistrée aussitôt : il n'y a pas
de bouton « Enregistrer ». <b>Ctrl+Z</b> annule, <b>Ctrl+Maj+Z</b> rétablit.</p>
<h3>Chaque année</h3>
<ol>
<li><b>Nouvelle édition…</b> (barre d'outils) : l'année suivante part de
l'édition affichée — organisation, catégories d'adhérents, conseil
d'administration, bureau, équipe en poste et plan du rapport sont repris ;
les chiffres sont laissés vides. Vous indiquez qui reste au conseil
d'administration ; les autres sont notés comme départs.</li>
<li>Dans le <b>plan du rapport</b> (à gauche), choisissez une partie et
saisissez ses chiffres et son texte. Les totaux, évolutions « (+2) » et
pourcentages sont calculés, jamais à retaper.</li>
<li>Le panneau <b>Vérifications</b> liste les erreurs et les points à vérifier
(totaux déclarés qui ne tombent pas juste, chiffre de l'an dernier manquant…).
Cliquez sur un point pour aller au champ concerné.</li>
<li>L'<b>aperçu</b> (à droite) montre les graphiques de la partie choisie ou
les pages du PDF ; <b>F5</b> l'actualise.</li>
<li><b>Exporter le PDF</b> (<b>Ctrl+E</b>) écrit « Rapport d'activité
ANNÉE.pdf » à côté du document.</li>
</ol>
<h3>Partager le document</h3>
<p>Le fichier <code>.db</code> se transmet tel quel (courriel, clé USB). Pour
échanger ou archiver des données, la commande <code>avereport dump</code>
écrit un fichier JSON lisible.</p>
<h3>Raccourcis</h3>
<p>Ctrl+N nouveau document · Ctrl+O ouvrir · Ctrl+Z annuler ·
Ctrl+Maj+Z ou Ctrl+Y rétablir · Ctrl+E exporter le PDF · F5 actualiser
l'aperçu · F1 cette aide.</p>
"""


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Aide — avereport")
        self.resize(640, 560)
        browser = QTextBrowser()
        browser.setHtml(HELP_TEXT)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
