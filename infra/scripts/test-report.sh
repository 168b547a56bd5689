#!/usr/bin/env bash
# Prints the test counts of the last `mvn verify`: unit (surefire + vitest), integration (failsafe), browser (node).
root=${1:-.}
count() { # dir pattern
  local t=0 f=0 e=0 s=0 file
  for file in $(ls $1 2>/dev/null); do
    read -r tt ff ee ss < <(sed -n 's/.*<testsuite[^>]* tests="\([0-9]*\)"[^>]* failures="\([0-9]*\)"[^>]*errors="\([0-9]*\)"[^>]*skipped="\([0-9]*\)".*/\1 \2 \3 \4/p;s/.*<testsuite[^>]* tests="\([0-9]*\)"[^>]* errors="\([0-9]*\)"[^>]* skipped="\([0-9]*\)"[^>]* failures="\([0-9]*\)".*/\1 \4 \2 \3/p' "$file" | head -1)
    t=$((t + ${tt:-0})); f=$((f + ${ff:-0})); e=$((e + ${ee:-0})); s=$((s + ${ss:-0}))
  done
  echo "$t tests, $f failures, $e errors, $s skipped"
}
echo "Test counts"
echo "  unit (JUnit)       : $(count "$root/*/*/target/surefire-reports/TEST-*.xml")"
[ -f "$root/portal/target/vitest-junit.xml" ] && echo "  unit (portal)      : $(sed -n 's/.*<testsuites[^>]* tests="\([0-9]*\)" failures="\([0-9]*\)" errors="\([0-9]*\)".*/\1 tests, \2 failures, \3 errors/p' "$root/portal/target/vitest-junit.xml" | head -1)"
echo "  integration (IT)   : $(count "$root/infra/app/target/failsafe-reports/TEST-*IT.xml")"
[ -f "$root/infra/app/target/browser-tests-summary.txt" ] && echo "  browser (Chromium) : $(cat "$root/infra/app/target/browser-tests-summary.txt")"
exit 0
