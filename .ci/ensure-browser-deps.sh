#!/usr/bin/env bash
# Install what the browser and PDF tests need from Debian's packages, when missing and possible.
# Where it is not possible the tests that need them skip with a visible reason (CI makes that a failure).
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} from Debian's packages for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || echo "could not install ${need[*]}: browser tests will skip"
else
  echo "${need[*]} missing and not root: browser tests will skip (apt-get install ${need[*]})"
fi
exit 0
