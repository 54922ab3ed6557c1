; Windows installer of the bundle built by packaging/build.py (dist\avereport).
;   iscc /DAppVersion=0.1.0 packaging\avereport.iss   ->   dist\avereport-0.1.0-setup.exe
; Installs for the current user without administrator rights (in
; %LOCALAPPDATA%\Programs\avereport); an administrator may choose all users.
; The install folder is never written to: documents, settings and caches live
; in the user's own folders, which uninstalling leaves in place.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\avereport.iss
#endif

[Setup]
AppId={{EF727D35-4C70-4C20-95E0-8736D37A65DB}
AppName=avereport
AppVersion={#AppVersion}
AppVerName=avereport {#AppVersion}
AppPublisher=Alliance Villes Emploi
AppPublisherURL=https://www.ville-emploi.asso.fr
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\avereport
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist
OutputBaseFilename=avereport-{#AppVersion}-setup
SetupIconFile=packaging\avereport.ico
UninstallDisplayIcon={app}\avereport.exe
UninstallDisplayName=avereport
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\avereport\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version replaces the previous bundle's files, never mixes with them.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\avereport"; Filename: "{app}\avereport.exe"; Comment: "Rapport d'activité d'Alliance Villes Emploi"
Name: "{autodesktop}\avereport"; Filename: "{app}\avereport.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\avereport.exe"; Description: "{cm:LaunchProgram,avereport}"; Flags: nowait postinstall skipifsilent
