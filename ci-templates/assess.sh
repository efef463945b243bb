#!/usr/bin/env bash
# The step both CI templates run (action.yml for GitHub Actions, ci-templates/azure-pipelines.yml for Azure
# Pipelines): install the tool's checkout if it is not built yet, run `assess` with the template's inputs, write each
# requested format to a file, hand the Markdown audit to the CI's summary page and the file paths back as step
# outputs. Inputs arrive as HR_* environment variables, never spliced into this script, so an input cannot run code.
# The exit code is the tool's (0 ready, 1 not ready, 2 could not assess) unless HR_FAIL_JOB is false. Written for
# bash 3.2 too (macOS runners).
set -euo pipefail

home=${HR_HOME:?HR_HOME must name the tool checkout}
ci=${HR_CI:?HR_CI must be github or azure}
out=${HR_OUTPUT_DIR:-hybrid-readiness}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# A checkout fresh from git has no dist/: `npm ci` builds it (the package's prepare script).
if [ ! -f "$home/dist/src/cli.js" ]; then
  echo "hybrid-readiness: installing the tool in $home"
  (cd "$home" && npm ci --no-audit --no-fund --loglevel=error)
fi

set_output() {
  if [ "$ci" = github ]; then
    printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:?}"
  else
    printf '##vso[task.setvariable variable=%s;isOutput=true]%s\n' "$1" "$2"
  fi
}

args=(assess --quiet --no-color --fail-on "${HR_FAIL_ON:-blocker}")
[ -n "${HR_CONFIG:-}" ] && args+=(--config "$HR_CONFIG")
[ -n "${HR_FROM_INVENTORY:-}" ] && args+=(--from-inventory "$HR_FROM_INVENTORY")
[ -n "${HR_REQUIREMENTS:-}" ] && args+=(--requirements "$HR_REQUIREMENTS")

# JSON is always written: the verdict output is read from it.
formats=" json ${HR_FORMATS//,/ } "
written=' '
for format in $formats; do
  case "$written" in *" $format "*) continue ;; esac
  case "$format" in
    json) file=report.json ;;
    junit) file=report.junit.xml ;;
    sarif) file=report.sarif ;;
    html) file=report.html ;;
    markdown) file=report.md ;;
    table) file=report.txt ;;
    *)
      echo "hybrid-readiness: unknown format \"$format\" in the formats input; use json, junit, sarif, html, markdown or table" >&2
      exit 2
      ;;
  esac
  written="$written$format "
  args+=(--output "$format=$out/$file")
  set_output "$format" "$out/$file"
done

# Extra arguments, split on white space (no globbing): e.g. "--only exchange-2016-cu3 --timeout 8000".
extra=()
[ -n "${HR_ARGS:-}" ] && read -r -a extra <<<"$HR_ARGS"

summary="$out/summary.md"
code=0
# (The ${extra[@]+…} form keeps an empty list working under `set -u` in the bash 3.2 of macOS runners.)
node "$home/bin/hybrid-readiness.js" "${args[@]}" ${extra[@]+"${extra[@]}"} --format markdown >"$summary" || code=$?

if [ -s "$summary" ]; then
  if [ "$ci" = github ]; then cat "$summary" >>"${GITHUB_STEP_SUMMARY:?}"; else echo "##vso[task.uploadsummary]$summary"; fi
fi
verdict=$(node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).verdict) } catch { console.log("none") }' "$out/report.json")
set_output verdict "$verdict"
set_output exit-code "$code"
echo "hybrid-readiness: verdict $verdict, exit code $code; reports in $out"
# Azure renders a boolean parameter as False.
case "${HR_FAIL_JOB:-true}" in false | False) exit 0 ;; esac
exit "$code"
