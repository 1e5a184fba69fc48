#!/usr/bin/env bash
# Installs the Debian packages the feed checks need (scripts/check-feeds.py, npm run test:e2e):
#   python3-feedparser  the Universal Feed Parser (bozo must be 0)
#   libxml2-utils       xmllint (well-formed XML; the sitemaps against test/fixtures/schemas)
#   jing                RELAX NG: every Atom document against RFC 4287's schema (test/fixtures/schemas/atom.rnc,
#                       compact syntax: jing -c; scripts/e2e/check-atom-schema.ts); brings a Java runtime
#   python3-html5lib python3-rdflib python3-lxml
#                       what the W3C Feed Validation Service imports (its code is not in this repository;
#                       see scripts/check-feeds.py; without it run the checks with --no-validator)
#   wrk                 the HTTP load generator npm run test:load drives (scripts/load-test.ts)
#   chromium            the headless browser npm run test:browser drives (scripts/e2e-browser.ts)
# Idempotent and non-interactive: installs only what is missing, and runs `apt-get update` only then.
# Needs root (or sudo) on Debian or Ubuntu.
set -euo pipefail

packages=(python3 python3-feedparser libxml2-utils jing python3-html5lib python3-rdflib python3-lxml wrk chromium)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-tools: all present: ${packages[*]}"
  exit 0
fi

run_as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-test-tools: missing ${missing[*]}; run this as root (no sudo here)" >&2
    exit 1
  fi
  run_as_root=(sudo)
fi

echo "install-test-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
