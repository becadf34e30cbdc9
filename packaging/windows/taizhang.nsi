; The Windows setup: Taizhang_<version>_x64-setup.exe, made by packaging/windows.sh with makensis
; (NSIS 3, Unicode) on Linux or Windows. Per-user (no administrator rights on an office PC):
; the program goes to %LOCALAPPDATA%\Programs\Taizhang, a Start-menu entry, a desktop shortcut
; offered on the last page, the uninstaller in Settings → Apps. The data folder
; (%APPDATA%\Taizhang\Taizhang\data) is the program's and is never touched: uninstalling keeps it.
;
;   makensis -DVERSION=0.1.0 -DEXE=taizhang.exe -DOUTFILE=setup.exe -DROOT=<repo> taizhang.nsi
;
; Silent install and uninstall, as an administrator's script or the tests do them:
;   Taizhang_0.1.0_x64-setup.exe /S            (/D=C:\Other\Folder to choose the folder)
;   "%LOCALAPPDATA%\Programs\Taizhang\uninstall.exe" /S

; A 64-bit setup for the 64-bit program (Unicode): it needs no 32-bit Windows layer (WoW64),
; which Wine without wine32 lacks.
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS all
RequestExecutionLevel user
; -DFAST (CI): zlib, a few seconds instead of minutes, for a setup that is never published.
!ifdef FAST
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION | EXE | OUTFILE | ROOT
  !error "usage: makensis -DVERSION=X.Y.Z -DEXE=taizhang.exe -DOUTFILE=setup.exe -DROOT=repo taizhang.nsi"
!endif

!define PRODUCT "台账 Taizhang"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Taizhang"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Taizhang"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Taizhang"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} setup"
VIAddVersionKey /LANG=0 "CompanyName" "The Taizhang developers"
VIAddVersionKey /LANG=0 "LegalCopyright" "Copyright (c) 2026 The Taizhang developers"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"

!include "MUI2.nsh"

!define MUI_ICON "${ROOT}\assets\icon\taizhang.ico"
!define MUI_UNICON "${ROOT}\assets\icon\taizhang.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\taizhang.exe"
; The last page's second box: a desktop shortcut, unticked unless chosen.
!define MUI_FINISHPAGE_SHOWREADME ""
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!define MUI_FINISHPAGE_SHOWREADME_TEXT "$(DesktopShortcut)"
!define MUI_FINISHPAGE_SHOWREADME_FUNCTION CreateDesktopShortcut

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${ROOT}\LICENSE"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; the setup follows Windows' display language otherwise.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString DesktopShortcut ${LANG_SIMPCHINESE} "在桌面创建快捷方式"
LangString DesktopShortcut ${LANG_ENGLISH} "Create a desktop shortcut"

Section "Taizhang"
  SetOutPath "$INSTDIR"
  File "/oname=taizhang.exe" "${EXE}"
  File "/oname=LICENSE.txt" "${ROOT}\LICENSE"
  File "/oname=OFL-NotoSansSC.txt" "${ROOT}\assets\fonts\OFL.txt"
  File "/oname=README.md" "${ROOT}\README.md"
  ; The .exe has no icon resource (no build.rs): the shortcuts and Apps show this one.
  File "/oname=taizhang.ico" "${ROOT}\assets\icon\taizhang.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\taizhang.exe" "" "$INSTDIR\taizhang.ico" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "The Taizhang developers"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\taizhang.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Function CreateDesktopShortcut
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\taizhang.exe" "" "$INSTDIR\taizhang.ico" 0
FunctionEnd

; Removes what the setup put there, by name; the data folder under %APPDATA% stays.
Section "Uninstall"
  Delete "$INSTDIR\taizhang.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\OFL-NotoSansSC.txt"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\taizhang.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
