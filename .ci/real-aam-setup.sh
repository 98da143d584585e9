#!/usr/bin/env bash
# Builds/starts the sites of ../shared/real-aam (REAL_AAM_DIR overrides; its settings come from the environment).
# setup.sh prints the sites' users with their (published, local-only) passwords: that stays out of the log; only
# the site lines are shown, or the last lines (without passwords) when it fails.
set -euo pipefail
REAL_AAM=${REAL_AAM_DIR:-"$(dirname "$0")/../../shared/real-aam"}
setup_log=$(mktemp)
trap 'rm -f "$setup_log"' EXIT
if ! bash "$REAL_AAM/setup.sh" >"$setup_log" 2>&1; then
  grep -v -i "pass" "$setup_log" | tail -n 20
  echo "real-site stage: $REAL_AAM/setup.sh failed"
  exit 1
fi
grep -E "^ *AAM [0-9.]+ +http" "$setup_log" || true
