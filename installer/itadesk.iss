; Inno Setup 6.3+ script: a per-user ITADesk installer (no administrator rights needed).
;
; Usually compiled by installer\build.py, which passes the defines:
;   ISCC /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0.0 /DSourceDir=..\dist\ITADesk /DOutputDir=..\dist installer\itadesk.iss
; By hand, after a build: ISCC installer\itadesk.iss (the version is then read from ITADesk.exe).
;
; The data (database, backups, evidence files) lives in %LOCALAPPDATA%\ITADesk, outside the
; program folder: the uninstaller leaves it in place, and an upgrade never touches it.
;
; Thai wizard: Inno Setup ships no Thai.isl; it is one of the "unofficial translations" on the
; Inno Setup website (Thai.isl). Copy it to "<Inno Setup folder>\Languages\Thai.isl" or next to
; this script (installer\Thai.isl). Without it the installer is built in English only, with a
; warning from the compiler.

#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\dist\ITADesk"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\dist"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(SourceDir) + "ITADesk.exe")
#endif
#if AppVersion == ""
  #error AppVersion is not defined and ITADesk.exe has no version: run installer\build.py
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif

#define AppName "ITADesk"
#define AppExe "ITADesk.exe"

#if FileExists(AddBackslash(SourcePath) + "Thai.isl")
  #define ThaiMessages AddBackslash(SourcePath) + "Thai.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Thai.isl")
  #define ThaiMessages "compiler:Languages\Thai.isl"
#else
  #pragma warning "Thai.isl not found: the installer will be in English only (see the header)"
#endif

[Setup]
; AppId identifies the app for upgrades and uninstall: never change it
AppId={{95755B3C-EDBA-4701-8019-222855249666}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ITADesk
VersionInfoVersion={#AppNumericVersion}
; per user: %LOCALAPPDATA%\Programs\ITADesk, no UAC prompt; an administrator may still choose
; "install for all users" in the first dialog
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
; close a running ITADesk before files are replaced (Restart Manager)
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
#ifdef ThaiMessages
Name: "thai"; MessagesFile: "{#ThaiMessages}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DataFolder=ITADesk data folder
english.DataKept=Your ITADesk data (database, backups, evidence files) has been kept in:%n%1%n%nDelete that folder yourself only if you no longer need the data.
#ifdef ThaiMessages
thai.DataFolder=โฟลเดอร์ข้อมูล ITADesk
thai.DataKept=ข้อมูลของ ITADesk (ฐานข้อมูล ไฟล์สำรอง และไฟล์หลักฐาน) ยังอยู่ครบที่%n%1%n%nหากไม่ต้องการข้อมูลแล้วจึงค่อยลบโฟลเดอร์นั้นเอง
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; an upgrade replaces the whole bundle (files dropped by a newer version must not linger);
; the data is not in the program folder
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Excludes: "\portable.txt,\data"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:DataFolder}"; Filename: "{localappdata}\{#AppName}"; Check: not IsAdminInstallMode
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Dirs]
; created now so that the "data folder" shortcut works before the first start
Name: "{localappdata}\{#AppName}"; Flags: uninsneveruninstall; Check: not IsAdminInstallMode

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself may leave in its own folder; never the data folder
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\{#AppName}');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
