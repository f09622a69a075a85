#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (no browser download).
# Installs Chromium (and the fonts and libraries PDF rendering needs) when missing and root,
# and Dovecot, the real IMAP server the email-in tests start as an unprivileged process.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# Letters (putright/correspondence) and the self-assessment forms: the Word files are opened
# with LibreOffice Writer in a test, the Excel forms with LibreOffice Calc.
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
dpkg -s fonts-liberation >/dev/null 2>&1 || need+=(fonts-liberation)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s dovecot-imapd >/dev/null 2>&1 || need+=(dovecot-imapd)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}. Install them (sudo apt-get install ${need[*]});" >&2
  echo "until then the browser, PDF and IMAP tests are skipped." >&2
  exit 0
fi
echo "Installing ${need[*]} from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
