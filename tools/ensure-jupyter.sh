#!/bin/sh
# Makes sure the Jupyter pieces `make figures` needs (nbconvert + jupyter-client) are installed.
# They are system packages. As root on Debian/Ubuntu this installs them with apt; anywhere else it
# stops with the one command to run.
set -eu
APT_PACKAGES="jupyter-nbconvert jupyter-client"

have_jupyter() {
  command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1
}

if have_jupyter; then
  exit 0
fi

is_debian_like() {
  [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release
}

if is_debian_like && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Jupyter is missing: installing $APT_PACKAGES with apt-get"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $APT_PACKAGES
  have_jupyter && exit 0
  echo "error: apt-get installed $APT_PACKAGES but 'jupyter nbconvert' still does not run" >&2
  exit 1
fi

echo "error: Jupyter (nbconvert + jupyter-client) is required to execute the notebooks. Install it with:" >&2
if is_debian_like; then
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $APT_PACKAGES" >&2
else
  echo "  python3 -m pip install --user nbconvert jupyter-client" >&2
fi
exit 1
