#!/usr/bin/env bash
# Renders a `preflight plan` HTML report in headless Chromium, checks in the browser that its
# charts were laid out and its tables sort, and takes a screenshot for a person to look at.
# Usage: scripts/report-screenshot.sh [REPORT.html] [OUT.png]
# Without arguments it remakes docs/plan-report.png from
#   ./preflight plan --change zlib --deadline 6h --samples 20 --html target/plan-report.html
# (the bundled Debian graph: log2 size axis, the 6 h deadline line, p50-p90 bands).
# Needs Debian's chromium (scripts/install-browser.sh installs it).
#
# The check runs in a harness page beside a copy of the report: the report loads in an iframe
# (file URLs may read each other with --allow-file-access-from-files), and the harness's script
# measures every chart's drawn marks (bars, lines) with getBBox() after layout, clicks the first
# header of every sortable table and checks the rows came out in order, and looks for elements the
# report never writes (an unescaped package name would add them). It writes its findings into its
# own DOM, which --dump-dom prints. Exit 0 only when every chart has marks of non-zero size and
# every sortable table sorted; otherwise exit 1 with what failed. Each browser run is limited to
# 30 seconds: a page that blocks (an injected alert(), say) fails the check instead of hanging it.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="${1:-$home/target/plan-report.html}"
png="${2:-$home/docs/plan-report.png}"
mkdir -p "$(dirname "$report")" "$(dirname "$png")"
if [ $# -lt 1 ] || [ ! -f "$report" ]; then
  "$home/preflight" plan --change zlib --deadline 6h --samples 20 --html "$report" >/dev/null
fi
"$home/scripts/install-browser.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$report" "$work/report.html"
cat >"$work/harness.html" <<'HTML'
<!DOCTYPE html><html><body><pre id="result">pending</pre>
<iframe id="f" src="report.html" width="1200" height="2000"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var out = [], bad = 0, d = this.contentDocument;
  var figs = d.querySelectorAll('figure.chart');
  figs.forEach(function (fig, k) {
    var marks = fig.querySelectorAll('rect.bar, polyline.series'), drawn = 0;
    marks.forEach(function (m) { var b = m.getBBox(); if (b.width > 0 || b.height > 0) drawn++; });
    var cap = fig.querySelector('figcaption');
    out.push('chart ' + (k + 1) + ' ' + (drawn > 0 ? 'drawn' : 'EMPTY') + ' marks=' + drawn + '/' +
      marks.length + ' "' + (cap ? cap.textContent : '') + '"');
    if (drawn === 0) bad++;
  });
  if (figs.length === 0) { out.push('no charts'); bad++; }
  d.querySelectorAll('table.sortable').forEach(function (t, k) {
    var th = t.querySelector('th'), tb = t.tBodies[0];
    if (!th || !tb || tb.rows.length < 2) { out.push('table ' + (k + 1) + ' too small to sort'); return; }
    th.click();
    var v = Array.from(tb.rows).map(function (r) { return r.cells[0].textContent; });
    var num = v.every(function (x) { return !isNaN(parseFloat(x.replace(/,/g, ''))); });
    var ok = v.every(function (x, i) {
      if (i === 0) return true;
      var a = v[i - 1], b = x;
      return num ? parseFloat(a.replace(/,/g, '')) <= parseFloat(b.replace(/,/g, ''))
                 : a.localeCompare(b) <= 0;
    });
    out.push('table ' + (k + 1) + ' ' + (ok ? 'sorted' : 'NOT SORTED') + ' rows=' + v.length);
    if (!ok) bad++;
  });
  // The report writes exactly one script and no iframe, object, embed, image or event handler.
  var foreign = d.querySelectorAll('iframe, object, embed, img, [onerror], [onload], [onclick]');
  var scripts = d.querySelectorAll('script').length;
  if (foreign.length > 0 || scripts !== 1) {
    out.push('UNEXPECTED ELEMENTS: ' + foreign.length + ' foreign, ' + scripts + ' scripts'); bad++;
  }
  out.push(bad === 0 ? 'RESULT ok charts=' + figs.length : 'RESULT failed ' + bad);
  document.getElementById('result').textContent = out.join('\n');
});
</script></body></html>
HTML
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$work/profile")
timeout 30 chromium "${flags[@]}" --window-size=1200,2600 --screenshot="$png" "file://$work/report.html" \
  >/dev/null 2>&1 || true
dom=$(timeout 30 chromium "${flags[@]}" --allow-file-access-from-files --virtual-time-budget=10000 \
  --dump-dom "file://$work/harness.html" 2>/dev/null || true)
result=$(printf '%s\n' "$dom" | sed -n '/<pre id="result">/,/<\/pre>/p' | sed 's/<[^>]*>//g')
[ -n "$result" ] || result="no result from the browser within 30 s (a dialog or a script that never ends?)"
printf '%s\n' "$result" >&2
if printf '%s\n' "$result" | grep -q '^RESULT ok'; then
  charts=$(printf '%s\n' "$result" | sed -n 's/^RESULT ok charts=//p')
  echo "report-screenshot: $png ($charts charts drawn, tables sort)"
else
  echo "report-screenshot: the page did not render as expected (see above)" >&2
  exit 1
fi
