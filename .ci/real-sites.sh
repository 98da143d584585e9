#!/usr/bin/env bash
# Real-site contract check: builds/starts the real WordPress + AAM sites of ../shared/real-aam and runs the
# contract suite of each listed AAM generation against its site — once with the administrator as the caller,
# once with `manager` (an editor with aam_manager + aam_manage_jwt, not an administrator). Exit 1 on any failure.
#
#   bash .ci/real-sites.sh            every generation in SITES below
#   bash .ci/real-sites.sh 6.9.32     only these
#
# The sites' ports and folders follow real-aam's settings (AAM_PORT_6932 …, AAM_SITES_DIR, AAM_DB_PREFIX;
# default ports 8080/8081/8082; .ci/run exports its own instance). setup.sh builds what is missing and starts
# the sites (about 3 s when all is in place). Without ../shared/real-aam (REAL_AAM_DIR overrides the path) the
# check is skipped with one line.
set -euo pipefail
cd "$(dirname "$0")/.."
REAL_AAM=${REAL_AAM_DIR:-../shared/real-aam}

# One line per generation: the AAM version (spec/aam-<version>/, --aam-version) and its site's port variable.
SITES=(
  "6.9.32 AAM_PORT_6932 8081"
  "6.9.51 AAM_PORT_6951 8080"
)

if [ ! -d "$REAL_AAM" ]; then
  echo "real-site check: skipped (no $REAL_AAM on this machine)"
  exit 0
fi

wanted=("$@")
bash "$REAL_AAM/setup.sh"
# the users every real-aam site has (published test passwords of throw-away local sites), given to the
# runner through its environment variables
target_user_id=3
failed=0
for line in "${SITES[@]}"; do
  read -r version port_var default_port <<<"$line"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $version "* ]]; then continue; fi
  port=${!port_var:-$default_port}
  for caller in "admin admin-pass-123" "manager manager-pass-123"; do
    read -r user pass <<<"$caller"
    echo "== real site: AAM $version on http://127.0.0.1:$port, caller $user"
    if ! AAM_USERNAME=$user AAM_PASSWORD=$pass AAM_UNPRIVILEGED_USERNAME=subscriber1 AAM_UNPRIVILEGED_PASSWORD=sub-pass-123 \
        npm run --silent contract -- --aam-version "$version" --no-generate \
        --base-url "http://127.0.0.1:$port" --target-user-id "$target_user_id" --reports "reports/real-$version-$user"; then
      failed=1
    fi
  done
done
exit "$failed"
