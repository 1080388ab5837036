#!/usr/bin/env bash
# npm test's pretest step: the Debian packages the tests need, chromium (browser tests drive
# /usr/bin/chromium) and redis-server (state tests; test/globalSetup.ts starts a throw-away one).
# Installs the missing ones with apt-get when it may: as root, with apt-get present, and unless
# SPINE_TEST_NO_INSTALL=1. Otherwise it stops with one line naming what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# A Redis of your own (TEST_REDIS_URL) stands in for redis-server.
[ -n "${TEST_REDIS_URL:-}" ] || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${SPINE_TEST_NO_INSTALL:-}" != "1" ]; then
  echo "pretest: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; then exit 0; fi
fi
hint=""
[[ " ${missing[*]} " == *" redis-server "* ]] && hint=" (or set TEST_REDIS_URL to a Redis of your own)"
echo "npm test needs Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'${hint}" >&2
exit 1
