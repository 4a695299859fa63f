#!/bin/sh
# Makes sure a Chromium for the demo's browser tests is installed and prints its path. Looks at
# PD_CHROMIUM, then Debian's chromium and the usual names on PATH. As root on Debian/Ubuntu a
# missing browser is installed with apt (the project never downloads a browser build of its own);
# anywhere else it stops with the one command to run.
set -eu
APT_PACKAGES="chromium"

find_chromium() {
  if [ -n "${PD_CHROMIUM:-}" ] && [ -x "$PD_CHROMIUM" ]; then echo "$PD_CHROMIUM"; return 0; fi
  for name in /usr/bin/chromium chromium chromium-browser google-chrome google-chrome-stable; do
    found=$(command -v "$name" 2>/dev/null || true)
    if [ -n "$found" ]; then echo "$found"; return 0; fi
  done
  return 1
}

if find_chromium; then
  exit 0
fi

is_debian_like() {
  [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release
}

if is_debian_like && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing $APT_PACKAGES with apt-get" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $APT_PACKAGES >&2
  find_chromium && exit 0
  echo "error: apt-get installed $APT_PACKAGES but no chromium is on PATH" >&2
  exit 1
fi

echo "error: the demo's browser tests need Chromium. Install it with:" >&2
if is_debian_like; then
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $APT_PACKAGES" >&2
else
  echo "  your system's package manager (or set PD_CHROMIUM to a Chromium or Chrome binary)" >&2
fi
exit 1
