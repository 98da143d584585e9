#!/usr/bin/env bash
# Real-site contract check: builds/starts the real WordPress + AAM sites of ../shared/real-aam and runs the
# contract suite against each listed site — once per caller of its line: the administrator, and `manager` (an
# editor with aam_manager + aam_manage_jwt, not an administrator) where that user may manage tokens. The runner
# detects the site's AAM generation (no --aam-version); the check also fails when it detects another generation
# than the line's. Each generation's Postman walkthrough (npm run walkthrough) runs too, as the administrator.
# Exit 1 on any failure.
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

# One line per site: the AAM version its generation is detected as (spec/aam-<version>/), its port variable and
# default port, and the callers (logins of real-aam's users) that run the suite. A caller written `user=ERR_CODE`
# is expected to be refused by the runner's preflight with that one-line error and exit 2: AAM 7 counts aam_*
# capabilities only when a role holds them, so real-aam's `manager` (caps given to the user) is no JWT manager on
# 7.x — its routes are not registered for it (404 rest_no_route) and the runner stops before sending anything.
SITES=(
  "6.9.32 AAM_PORT_6932 8081 admin,manager"
  "6.9.51 AAM_PORT_6951 8080 admin,manager"
  "7.1.1 AAM_PORT_711 8082 admin,manager=ERR_CALLER_FORBIDDEN"
)

if [ ! -d "$REAL_AAM" ]; then
  echo "real-site check: skipped (no $REAL_AAM on this machine)"
  exit 0
fi

wanted=("$@")
REAL_AAM_DIR=$REAL_AAM bash .ci/real-aam-setup.sh
# the users every real-aam site has (published test passwords of throw-away local sites), given to the
# runner through its environment variables
target_user_id=3
failed=0
declare -A PASSWORDS=([admin]=admin-pass-123 [manager]=manager-pass-123)
for line in "${SITES[@]}"; do
  read -r version port_var default_port callers <<<"$line"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $version "* ]]; then continue; fi
  port=${!port_var:-$default_port}
  for caller in ${callers//,/ }; do
    user=${caller%%=*}
    refusal=${caller#"$user"}
    refusal=${refusal#=}
    reports="reports/real-$version-$user"
    echo "== real site: http://127.0.0.1:$port (expected: AAM $version), caller $user${refusal:+ (expected: refused, $refusal)}"
    mkdir -p reports
    status=0
    AAM_USERNAME=$user AAM_PASSWORD=${PASSWORDS[$user]} AAM_UNPRIVILEGED_USERNAME=subscriber1 AAM_UNPRIVILEGED_PASSWORD=sub-pass-123 \
      npm run --silent contract -- --no-generate \
      --base-url "http://127.0.0.1:$port" --target-user-id "$target_user_id" --reports "$reports" 2>&1 | tee "$reports.console.txt" || status=$?
    if [ -n "$refusal" ]; then
      if [ "$status" -eq 2 ] && [ "$(grep -c . "$reports.console.txt")" -eq 1 ] && grep -q "\[$refusal\]\$" "$reports.console.txt"; then
        echo "   refused as expected (exit 2, $refusal)"
      else
        echo "real-site check: expected the one-line refusal $refusal with exit 2 for $user, got exit $status"
        failed=1
      fi
    elif [ "$status" -ne 0 ]; then
      failed=1
    elif ! grep -q "AAM JWT API generation .* (AAM $version)\$" "$reports.console.txt"; then
      echo "real-site check: http://127.0.0.1:$port was not detected as AAM $version"
      failed=1
    fi
  done
  # the Postman user's walkthrough (documentation folders, only baseUrl, credentials and the target), twice in one run
  if ! grep -q "'aam-$version'" tests/walkthrough/stories.ts; then
    echo "== real site: AAM $version walkthrough: none yet (no story in tests/walkthrough/stories.ts)"
    continue
  fi
  echo "== real site: AAM $version walkthrough, caller admin"
  if ! AAM_USERNAME=admin AAM_PASSWORD=${PASSWORDS[admin]} npm run --silent walkthrough -- --aam-version "$version" \
      --base-url "http://127.0.0.1:$port" --target-user-id "$target_user_id" --iterations 2; then
    failed=1
  fi
done
exit "$failed"
