package report

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
)

// summary2001 is the 2001 survey's summary built directly from the
// post's counts (no archive), for tests that only need the counts.
func summary2001() *Summary {
	s := &Summary{
		Population: Population{Kind: IPv4, Size: 1 << 32},
		Sample:     1000000, PTRLookedUp: 1000000, PTRFound: 39206,
		Start: time.Date(2001, 9, 27, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2001, 10, 3, 23, 0, 0, 0, time.UTC),
		Outcomes: []OutcomeCount{
			{transcript.Skipped, 0, 960794, ""}, {transcript.TimedOut, 0, 34036, ""}, {transcript.Refused, 0, 4057, ""},
			{transcript.Greeted, 0, 958, ""}, {transcript.Dropped, 0, 81, ""}, {transcript.Rejected, 572, 31, ""},
			{transcript.Rejected, 421, 23, ""}, {transcript.Reset, 0, 20, ""},
		},
		Rulebase: &RulebaseID{"djb2001", "2001-10-04", "h2001"},
	}
	for _, row := range corpus.Tally2001 {
		s.Labels = append(s.Labels, labelFromName(row.Name, int64(row.Count)))
	}
	return s
}

// labelFromName makes a tally row from a printed name, taking its OS tags
// from the prefix ("UNIX/Windows Lotus Domino").
func labelFromName(name string, n int64) LabelCount {
	l := LabelCount{Label: strings.ToLower(strings.ReplaceAll(name, " ", "")), Name: name, Count: n,
		Rules: []RuleCount{{Rule: 1, Count: n}}, Versions: []VersionCount{{"", n}}}
	if first, _, ok := strings.Cut(name, " "); ok {
		tags := strings.Split(first, "/")
		known := true
		for _, t := range tags {
			known = known && (t == "UNIX" || t == "Windows" || t == "MacOS" || t == "VMS")
		}
		if known {
			l.OS = tags
		}
	}
	if name == "not sure" {
		l.Default, l.Rules = true, []RuleCount{{Rule: -1, Count: n}}
	}
	return l
}

// summary2000 is a made-up survey a year before 2001, with the counts the
// 2001 post compares with (434 Sendmail, 82 qmail).
func summary2000() *Summary {
	s := summary2001()
	s.Start, s.End = s.Start.AddDate(-1, 0, 4), s.End.AddDate(-1, 0, 0)
	s.PTRFound = 25777
	s.Labels = []LabelCount{
		labelFromName("UNIX Sendmail", 430), labelFromName("Windows Sendmail", 4),
		labelFromName("Windows Microsoft Exchange or IIS SMTP", 190), labelFromName("UNIX qmail", 82),
		labelFromName("Windows Ipswitch IMail", 60), labelFromName("not sure", 192),
	}
	var n int64
	for _, l := range s.Labels {
		n += l.Count
	}
	s.Outcomes[3].Count = n
	s.Outcomes[0].Count += 958 - n
	return s
}

// chromiumPath finds Debian's chromium; without it the browser test is
// skipped, except under CI, which installs it.
func chromiumPath(t *testing.T) string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not found; CI installs Debian's chromium package")
	}
	t.Skip("chromium not found (apt-get install chromium); the HTML page was not checked in a browser")
	return ""
}

// probe runs in the page before its Content-Security-Policy: it records
// errors, console errors and CSP violations (any attempted fetch), then,
// once the page has loaded, each chart's bars as the browser laid them
// out, and writes all of it as JSON into the DOM for --dump-dom.
const probe = `<script>
(function () {
  var problems = [];
  window.addEventListener('error', function (e) { problems.push('error: ' + e.message); });
  document.addEventListener('securitypolicyviolation', function (e) {
    problems.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI);
  });
  var ce = console.error;
  console.error = function () { problems.push('console: ' + Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); };
  window.addEventListener('load', function () {
    var out = {problems: problems, charts: []};
    document.querySelectorAll('svg.chart').forEach(function (svg) {
      var c = {id: svg.id, width: svg.getBoundingClientRect().width, bars: []};
      svg.querySelectorAll('g.bar').forEach(function (g) {
        var r = g.querySelector('rect');
        c.bars.push({label: g.dataset.label, survey: g.dataset.survey || '', value: +g.dataset.value,
          share: g.dataset.share, w: r.getBBox().width, h: r.getBoundingClientRect().height,
          text: g.querySelector('text.value').textContent,
          row: g.closest('g.group').querySelector('text.label').textContent,
          fill: getComputedStyle(r).fill});
      });
      out.charts.push(c);
    });
    var pre = document.createElement('pre');
    pre.id = 'probe-result';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  });
})();
</script>`

type probeResult struct {
	Problems []string `json:"problems"`
	Charts   []struct {
		ID    string  `json:"id"`
		Width float64 `json:"width"`
		Bars  []struct {
			Label, Survey, Share, Text, Row, Fill string
			Value                                 int64
			W, H                                  float64
		} `json:"bars"`
	} `json:"charts"`
}

var probeRE = regexp.MustCompile(`(?s)<pre id="probe-result">(.*?)</pre>`)

// TestHTMLInChromium loads the page in headless Chromium and checks the
// rendered DOM: no errors or blocked fetches, and the charts' bars with
// the right labels, values and widths.
func TestHTMLInChromium(t *testing.T) {
	bin := chromiumPath(t)
	r := New(summary2001(), Config{Previous: []*Summary{summary2000()}})
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page.Bytes(), []byte("<script")) || bytes.Contains(page.Bytes(), []byte("http://")) && !bytes.Contains(page.Bytes(), []byte(`xmlns="http://www.w3.org/2000/svg"`)) {
		t.Error("page has a script or a link out")
	}
	res, console := loadInChromium(t, bin, page.String())
	for _, l := range console {
		t.Errorf("console: %s", l)
	}
	for _, p := range res.Problems {
		t.Errorf("page problem: %s", p)
	}

	type want struct {
		label, survey string
		value         int64
		share         string
	}
	charts := map[string][]want{
		"chart-software": {{"UNIX Sendmail", "", 401, "41.9"}, {"Windows Microsoft Exchange or IIS SMTP", "", 176, "18.4"},
			{"UNIX qmail", "", 167, "17.4"}, {"30 other labels", "", 40, "4.2"}},
		"chart-outcomes": {{"timed out", "", 34036, "86.8"}, {"connection refused", "", 4057, "10.3"},
			{"greeted", "", 958, "2.4"}, {"rejected with code 421", "", 23, "0.1"}},
		"chart-os": {{"UNIX only", "", 623, "65.0"}, {"Windows only", "", 276, "28.8"}, {"UNIX and Windows", "", 31, "3.2"},
			{"MacOS", "", 3, "0.3"}, {"no OS tag", "", 21, "2.2"}},
		"chart-change": {{"Sendmail", "2000-10-01 to 2000-10-03", 434, "45.3"}, {"Sendmail", "2001-09-27 to 2001-10-03 (this survey)", 405, "42.3"},
			{"qmail", "2000-10-01 to 2000-10-03", 82, "8.6"}, {"qmail", "2001-09-27 to 2001-10-03 (this survey)", 167, "17.4"}},
	}
	seen := map[string]bool{}
	for _, c := range res.Charts {
		seen[c.ID] = true
		if c.Width < 300 {
			t.Errorf("%s: rendered %.0f px wide", c.ID, c.Width)
		}
		var max float64
		var maxV int64
		for _, b := range c.Bars {
			if b.H < 10 || b.Fill == "" || b.Fill == "none" || b.Fill == "rgb(0, 0, 0)" {
				t.Errorf("%s %q: bar %.0f px high, fill %q", c.ID, b.Label, b.H, b.Fill)
			}
			if b.W > max {
				max, maxV = b.W, b.Value
			}
		}
		for _, w := range charts[c.ID] {
			found := false
			for _, b := range c.Bars {
				if b.Label != w.label || b.Survey != w.survey {
					continue
				}
				found = true
				if b.Value != w.value || b.Share != w.share || b.Text != strconv.FormatInt(w.value, 10)+" ("+w.share+"%)" {
					t.Errorf("%s %q %s: value %d share %s text %q, want %d, %s", c.ID, w.label, w.survey, b.Value, b.Share, b.Text, w.value, w.share)
				}
				if c.ID != "chart-change" {
					// Bars scale with the largest value.
					if want := max * float64(b.Value) / float64(maxV); math.Abs(b.W-want) > 1.01 && b.W != 1 {
						t.Errorf("%s %q: bar %.1f px wide, want %.1f", c.ID, w.label, b.W, want)
					}
					if !strings.HasPrefix(w.label, b.Row[:min(len(b.Row), 20)]) {
						t.Errorf("%s %q: row label %q", c.ID, w.label, b.Row)
					}
				}
			}
			if !found {
				t.Errorf("%s: no bar %q %s", c.ID, w.label, w.survey)
			}
		}
	}
	for id := range charts {
		if !seen[id] {
			t.Errorf("no chart %s in the rendered page", id)
		}
	}
}

// loadInChromium loads page with the probe in headless Chromium and
// returns the probe's result and the console lines Chromium logged.
func loadInChromium(t *testing.T, bin, page string) (probeResult, []string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	probed := strings.Replace(page, "<head>", "<head>\n"+probe, 1)
	if err := os.WriteFile(file, []byte(probed), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0",
		"--window-size=1000,3000", "--virtual-time-budget=5000", "--dump-dom", "file://"+file)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	var console []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") {
			console = append(console, l)
		}
	}
	m := probeRE.FindSubmatch(stdout.Bytes())
	if m == nil {
		t.Fatalf("no probe result in the dumped DOM:\n%.2000s", stdout.String())
	}
	var res probeResult
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &res); err != nil {
		t.Fatal(err)
	}
	return res, console
}

// TestHTMLProbeCatches checks the browser test's own eyes: a fetch the
// page's policy blocks and a console error are both seen.
func TestHTMLProbeCatches(t *testing.T) {
	bin := chromiumPath(t)
	var page bytes.Buffer
	if err := New(summary2001(), Config{}).WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(page.String(), "</body>", `<img src="http://127.0.0.1:9/x.png"></body>`, 1)
	bad = strings.Replace(bad, "<head>", "<head>\n<script>console.error('probe-control')</script>", 1)
	res, console := loadInChromium(t, bin, bad)
	if len(res.Problems) < 2 || !strings.Contains(strings.Join(res.Problems, "\n"), "csp: img-src") {
		t.Errorf("problems %q, want a blocked img-src and a console error", res.Problems)
	}
	if len(console) == 0 {
		t.Error("chromium logged no console line for console.error")
	}
}
