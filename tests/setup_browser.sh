#!/usr/bin/env bash
# Installs Debian's Chromium and Firefox ESR for the viewer's browser tests when they are missing and we
# may install them. Never fails the build: without a browser its tests skip and say why.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || missing+=(firefox-esr)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} for the viewer tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
    || echo "WARNING: could not install ${missing[*]}; those browser tests will be skipped"
else
  echo "WARNING: ${missing[*]} not installed (apt-get install ${missing[*]}); those browser tests will be skipped"
fi
exit 0
