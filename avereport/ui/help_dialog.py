"""« Aide » : the areas of the window, the yearly workflow, sharing, where files go, keys."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP_TEXT = """
<h2>Préparer le rapport d'activité avec avereport</h2>
<p>Tout le rapport d'une année — une <b>édition</b> — vit dans un seul fichier
<code>.db</code>, avec les éditions des années précédentes. Chaque modification
y est enregistrée aussitôt : il n'y a pas de bouton « Enregistrer ».
<b>Ctrl+Z</b> annule, <b>Ctrl+Maj+Z</b> rétablit.</p>

<h3>La fenêtre</h3>
<ul>
<li><b>Plan du rapport</b> (à gauche) : les parties du rapport, et pour
chacune son état (complète, points à vérifier). Choisissez une partie pour la
modifier.</li>
<li><b>Éditeur</b> (au centre) : les chiffres, tableaux et textes de la partie
choisie. Les totaux, évolutions « (+2) » et pourcentages sont calculés, jamais
à retaper.</li>
<li><b>Aperçu</b> (à droite) : les graphiques de la partie, ou les pages du
PDF. <b>F8</b> ou le bouton de la barre d'outils l'affiche ou le masque ;
<b>F5</b> l'actualise.</li>
<li><b>Vérifications</b> (en bas) : ce qui est à corriger ou à vérifier, et
comment. Cliquez sur un point pour aller au champ concerné. Le panneau
n'apparaît que s'il y a quelque chose à signaler ; <b>Vérifier</b> l'affiche
toujours.</li>
<li><b>Année</b> (barre d'outils) : l'édition affichée.</li>
</ul>

<h3>Chaque année</h3>
<ol>
<li><b>Nouvelle édition…</b> : l'année suivante part de l'édition affichée
(organisation, adhérents, instances, équipe, plan) ; les chiffres sont
laissés vides.</li>
<li>Parcourez le plan, saisissez chiffres et textes, puis corrigez ce que
signalent les vérifications.</li>
<li><b>Exporter le PDF</b> (<b>Ctrl+E</b>) écrit « Rapport d'activité
ANNÉE.pdf » à côté du document.</li>
</ol>

<h3>Travailler à plusieurs</h3>
<p>Le document peut être posé dans un dossier partagé : une seule personne à
la fois le modifie, les autres le voient en lecture seule, avec le nom de
celle qui l'a ouvert (<b>Fichier › Mon nom…</b>). Une fois qu'elle l'a
fermé, il s'ouvre de nouveau en écriture ; <b>Prendre la main…</b> le reprend
si elle l'a oublié ouvert. Pour qu'un collègue travaille de son côté,
<b>Fichier › Envoyer à un collègue…</b> prépare une copie à joindre à un
courriel ; à son retour, <b>Fichier › Importer depuis un autre
document…</b> reprend ses modifications une par une. L'<b>historique</b> (Affichage › Historique) montre qui a modifié
quoi, et quand.</p>

<h3>Où vont les fichiers</h3>
<ul>
<li>Le document <code>.db</code> : là où vous l'avez créé ou ouvert ; c'est
lui qu'il faut sauvegarder ou transmettre.</li>
<li>Le PDF : à côté du document, ou dans le dernier dossier d'export choisi
(<b>Exporter le PDF sous…</b>).</li>
<li>Les sauvegardes automatiques et la démonstration : dans le dossier de
l'application de votre compte utilisateur ; <b>Fichier › Restaurer une
sauvegarde…</b> remet le document dans un état antérieur.</li>
</ul>

<h3>Clavier</h3>
<p><b>F6</b> / <b>Maj+F6</b> passent d'une zone à l'autre (plan, éditeur,
aperçu, vérifications) ; <b>Ctrl+1</b> à <b>Ctrl+4</b> vont directement à
l'une d'elles ; <b>Tab</b> parcourt les champs d'une zone puis de la
suivante.</p>
<p>Ctrl+N nouveau document · Ctrl+O ouvrir · Ctrl+Z annuler ·
Ctrl+Maj+Z ou Ctrl+Y rétablir · Ctrl+E exporter le PDF · F5 actualiser
l'aperçu · F8 afficher ou masquer l'aperçu · F1 cette aide.</p>
"""


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Aide — avereport")
        self.resize(640, 560)  # within a 1024 x 600 screen
        browser = QTextBrowser()
        browser.setHtml(HELP_TEXT)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
