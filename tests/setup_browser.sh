#!/usr/bin/env bash
# Installs Debian's Chromium for the viewer's browser tests when it is missing and we may install it.
# Never fails the build: without Chromium the browser tests skip and say why.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the viewer tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "WARNING: could not install chromium; the browser tests will be skipped"
else
  echo "WARNING: chromium is not installed (apt-get install chromium); the browser tests will be skipped"
fi
exit 0
