package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image"
	pngpkg "image/png"
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
    var de = document.documentElement;
    var out = {problems: problems, charts: [], scrollWidth: de.scrollWidth, innerWidth: window.innerWidth};
    document.querySelectorAll('svg.chart').forEach(function (svg) {
      if (svg.getClientRects().length === 0) return; // not shown at this width
      var c = {id: svg.id, width: svg.getBoundingClientRect().width, bars: [], minText: 1e9, outside: [], overlaps: []};
      var boxes = [];
      svg.querySelectorAll('text').forEach(function (t) {
        var r = t.getBoundingClientRect();
        c.minText = Math.min(c.minText, r.height);
        if (r.left < 0 || r.right > window.innerWidth) c.outside.push(t.textContent);
        boxes.push({t: t.textContent, r: r});
      });
      for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i].r, b = boxes[j].r;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          c.overlaps.push(boxes[i].t + ' / ' + boxes[j].t);
      }
      svg.querySelectorAll('g.bar').forEach(function (g) {
        var r = g.querySelector('rect');
        var ci = g.querySelector('path.ci').getBBox();
        c.bars.push({label: g.dataset.label, survey: g.dataset.survey || '', value: +g.dataset.value,
          share: g.dataset.share, lo: g.dataset.ciLow, hi: g.dataset.ciHigh, cix: ci.x - r.getBBox().x, ciw: ci.width,
          w: r.getBBox().width, h: r.getBoundingClientRect().height,
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
	Problems    []string `json:"problems"`
	ScrollWidth float64  `json:"scrollWidth"`
	InnerWidth  float64  `json:"innerWidth"`
	Charts      []struct {
		ID       string   `json:"id"`
		Width    float64  `json:"width"`
		MinText  float64  `json:"minText"`
		Outside  []string `json:"outside"`
		Overlaps []string `json:"overlaps"`
		Bars     []struct {
			Label, Survey, Share, Lo, Hi, Text, Row, Fill string
			Value                                         int64
			W, H, CIX, CIW                                float64
		} `json:"bars"`
	} `json:"charts"`
}

var probeRE = regexp.MustCompile(`(?s)<pre id="probe-result">(.*?)</pre>`)

// TestHTMLInChromium loads the page in headless Chromium at a desktop
// width and at 420 pixels and checks the rendered DOM: no errors or
// blocked fetches; the layout meant for the width shown, no text scaled
// below 10 pixels, cut off at the edge or overlapping other text, no
// sideways scrolling; and the charts' bars with the right labels, values,
// widths and 95% intervals.
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
	// The 1996 report: the longest labels of both tallies, and shares
	// below 0.1%.
	var page96 bytes.Buffer
	if err := New(summary1996(), Config{}).WriteHTML(&page96); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{1000, 420} {
		t.Run(fmt.Sprint(width), func(t *testing.T) { checkRendered(t, bin, page.String(), width, charts2001) })
		t.Run(fmt.Sprint("1996-", width), func(t *testing.T) { checkRendered(t, bin, page96.String(), width, charts1996) })
	}
}

// summary1996 is the 1996 survey's summary built from the post's counts.
func summary1996() *Summary {
	s := &Summary{Population: Population{Kind: List, Size: 12795635}, Sample: 500000,
		Start: time.Date(1996, 11, 27, 8, 0, 0, 0, time.UTC), End: time.Date(1996, 11, 27, 11, 0, 0, 0, time.UTC),
		Rulebase: &RulebaseID{"djb1996", "1996-11-29", "h1996"}}
	for _, o := range corpus.Outcomes1996 {
		s.Outcomes = append(s.Outcomes, OutcomeCount{Outcome: o.Outcome, Count: int64(o.Count)})
	}
	sortOutcomes(s.Outcomes)
	for _, row := range corpus.Tally1996 {
		s.Labels = append(s.Labels, labelFromName(row.Name, int64(row.Count)))
	}
	return s
}

type want struct {
	label, survey string
	value         int64
	share         string
}

var charts2001 = map[string][]want{
	"chart-software": {{"UNIX Sendmail", "", 401, "41.9"}, {"Windows Microsoft Exchange or IIS SMTP", "", 176, "18.4"},
		{"UNIX qmail", "", 167, "17.4"}, {"30 other labels", "", 40, "4.2"}},
	"chart-outcomes": {{"timed out", "", 34036, "86.8"}, {"connection refused", "", 4057, "10.3"},
		{"greeted", "", 958, "2.4"}, {"rejected with code 421", "", 23, "0.1"}},
	"chart-os": {{"UNIX only", "", 623, "65.0"}, {"Windows only", "", 276, "28.8"}, {"UNIX and Windows", "", 31, "3.2"},
		{"MacOS", "", 3, "0.3"}, {"no OS tag", "", 21, "2.2"}},
	"chart-change": {{"Sendmail", "2000-10-01 to 2000-10-03", 434, "45.3"}, {"Sendmail", "2001-09-27 to 2001-10-03 (this survey)", 405, "42.3"},
		{"qmail", "2000-10-01 to 2000-10-03", 82, "8.6"}, {"qmail", "2001-09-27 to 2001-10-03 (this survey)", 167, "17.4"}},
}

var charts1996 = map[string][]want{
	"chart-software": {{"Sendmail", "", 20963, "80.4"}, {"Unknown (The normal sequence of events in sending a message)", "", 123, "0.5"}},
	"chart-outcomes": {{"timed out", "", 294526, "58.9"}, {"greeted", "", 26070, "5.2"}, {"operation not supported", "", 5, "0.0"}},
	"chart-os":       {{"no OS tag", "", 25998, "99.7"}, {"VMS", "", 72, "0.3"}}, // labelFromName takes "VMS MX" for VMS
}

func checkRendered(t *testing.T, bin, page string, width int, wantCharts map[string][]want) {
	suffix := ""
	if width < 640 {
		suffix = "-narrow"
	}
	res, console := loadInChromium(t, bin, page, width)
	if res.ScrollWidth > res.InnerWidth {
		t.Errorf("page scrolls sideways: %.0f px wide in a %.0f px window", res.ScrollWidth, res.InnerWidth)
	}
	for _, l := range console {
		t.Errorf("console: %s", l)
	}
	for _, p := range res.Problems {
		t.Errorf("page problem: %s", p)
	}

	charts := map[string][]want{}
	for id, ws := range wantCharts {
		charts[id+suffix] = ws
	}
	seen := map[string]bool{}
	for _, c := range res.Charts {
		seen[c.ID] = true
		if _, ok := charts[c.ID]; !ok {
			t.Errorf("chart %s shown at %d px", c.ID, width)
		}
		if c.Width < 300 {
			t.Errorf("%s: rendered %.0f px wide", c.ID, c.Width)
		}
		if c.MinText < 10 || len(c.Outside) > 0 || len(c.Overlaps) > 0 {
			t.Errorf("%s: smallest text %.1f px high; cut off at the edge: %q; overlapping: %q", c.ID, c.MinText, c.Outside, c.Overlaps)
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
				text := commas(w.value) + " (" + w.share + "%)"
				if w.share == "0.0" && w.value > 0 {
					text = commas(w.value) + " (<0.1%)"
				}
				if b.Value != w.value || b.Share != w.share || b.Text != text {
					t.Errorf("%s %q %s: value %d share %s text %q, want %d, %s", c.ID, w.label, w.survey, b.Value, b.Share, b.Text, w.value, w.share)
				}
				// The interval whisker spans the Wilson interval and
				// holds the bar's end.
				if plo, phi := mustFloat(t, b.Lo), mustFloat(t, b.Hi); plo > mustFloat(t, b.Share) || phi < mustFloat(t, b.Share) || b.CIW < 0 ||
					b.CIX > b.W+1 || b.CIX+b.CIW < b.W-1 {
					t.Errorf("%s %q %s: interval %s%% to %s%% drawn from %.1f, %.1f px wide, around a bar %.1f px long", c.ID, w.label, w.survey, b.Lo, b.Hi, b.CIX, b.CIW, b.W)
				}
				if sh := mustFloat(t, b.Share); sh >= 1 {
					if want := b.W * (mustFloat(t, b.Hi) - mustFloat(t, b.Lo)) / sh; math.Abs(b.CIW-want) > 2+0.05*want {
						t.Errorf("%s %q %s: interval %.1f px wide, want %.1f", c.ID, w.label, w.survey, b.CIW, want)
					}
				}
				if !strings.HasPrefix(c.ID, "chart-change") {
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

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return f
}

// loadInChromium loads page with the probe in headless Chromium, in a
// window width pixels wide, and returns the probe's result and the
// console lines Chromium logged.
func loadInChromium(t *testing.T, bin, page string, width int) (probeResult, []string) {
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
		fmt.Sprintf("--window-size=%d,3000", width), "--virtual-time-budget=5000", "--dump-dom", "file://"+file)
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
	res, console := loadInChromium(t, bin, bad, 1000)
	if len(res.Problems) < 2 || !strings.Contains(strings.Join(res.Problems, "\n"), "csp: img-src") {
		t.Errorf("problems %q, want a blocked img-src and a console error", res.Problems)
	}
	if len(console) == 0 {
		t.Error("chromium logged no console line for console.error")
	}
}

// screenshot renders page in headless Chromium in a window width pixels
// wide (and tall enough for the whole page) and returns the image.
func screenshot(t *testing.T, bin, page string, width int) image.Image {
	t.Helper()
	dir := t.TempDir()
	file, png := filepath.Join(dir, "report.html"), filepath.Join(dir, "shot.png")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--hide-scrollbars", "--force-color-profile=srgb",
		fmt.Sprintf("--window-size=%d,6000", width), "--screenshot="+png, "file://"+file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(png)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := pngpkg.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// shotStats measures a screenshot: the pixels in the first chart colour
// (.s0, the bars), and the rightmost column with anything but the white
// background.
func shotStats(img image.Image) (bars int, right int) {
	b := img.Bounds()
	right = -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if r < 250 || g < 250 || bl < 250 {
				right = max(right, x)
			}
			if near(r, 0x2f) && near(g, 0x6f) && near(bl, 0xb3) {
				bars++
			}
		}
	}
	return bars, right
}

func near(a, b uint32) bool { return a+6 >= b && a <= b+6 }

// compareShots compares the screenshots of one page at a desktop width
// and at 420 pixels. On the narrow screen the charts must keep the margin
// (nothing drawn into the last pixels of the window) and keep their size:
// the bars there cover at least half the area they cover on the wide
// screen (a chart merely scaled down to fit would cover a quarter).
func compareShots(wide, narrow image.Image) []string {
	var errs []string
	wb, wr := shotStats(wide)
	nb, nr := shotStats(narrow)
	if wb == 0 {
		errs = append(errs, "no bars on the wide screenshot")
	}
	if w := wide.Bounds().Dx(); wr >= w-4 {
		errs = append(errs, fmt.Sprintf("wide: something drawn at x=%d of %d", wr, w))
	}
	if w := narrow.Bounds().Dx(); nr >= w-4 {
		errs = append(errs, fmt.Sprintf("narrow: something drawn at x=%d of %d, past the margin", nr, w))
	}
	if ratio := float64(nb) / float64(max(wb, 1)); ratio < 0.5 || ratio > 1.5 {
		errs = append(errs, fmt.Sprintf("the bars cover %d pixels at 420 px and %d wide (ratio %.2f, want 0.5 to 1.5)", nb, wb, ratio))
	}
	return errs
}

// TestHTMLScreenshots renders the 2001 report with its previous survey at
// 1000 and at 420 pixels and compares the screenshots, and checks that
// the comparison fails for a page whose narrow layout is switched off
// (the wide charts shrunk to fit the small screen).
func TestHTMLScreenshots(t *testing.T) {
	bin := chromiumPath(t)
	var b bytes.Buffer
	if err := New(summary2001(), Config{Previous: []*Summary{summary2000()}}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	wide := screenshot(t, bin, page, 1000)
	if testing.Verbose() {
		wb, wr := shotStats(wide)
		t.Logf("wide: %d bar pixels, rightmost ink at %d", wb, wr)
	}
	narrow := screenshot(t, bin, page, 420)
	if testing.Verbose() {
		nb, nr := shotStats(narrow)
		t.Logf("420 px: %d bar pixels, rightmost ink at %d", nb, nr)
	}
	for _, e := range compareShots(wide, narrow) {
		t.Error(e)
	}
	broken := strings.Replace(page, "@media (max-width: 640px)", "@media (max-width: 1px)", 1)
	if broken == page {
		t.Fatal("the page has no narrow-screen rule to break")
	}
	errs := compareShots(wide, screenshot(t, bin, broken, 420))
	t.Logf("the broken page: %q", errs)
	if len(errs) == 0 {
		t.Error("the screenshot comparison passed a page without its narrow layout")
	}
}

func TestHTMLNumbers(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{commas(0), "0"}, {commas(999), "999"}, {commas(1000), "1,000"}, {commas(1000000), "1,000,000"}, {commas(-12795635), "-12,795,635"},
		{commasIn("659500 to 674900"), "659,500 to 674,900"}, {commasIn("2.103 to 2.129 million"), "2.103 to 2.129 million"},
		{commasIn("about 4.1 million"), "about 4.1 million"}, {commasIn("0.12345 to 1234567"), "0.12345 to 1,234,567"},
		{bar{Value: 5, Of: 500000}.ShareText(), "<0.1"}, {bar{Value: 0, Of: 500000}.ShareText(), "0.0"},
		{bar{Value: 23, Of: 39206}.ShareText(), "0.1"}, {bar{Value: 1, Of: 2}.ShareText(), "50.0"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	// The 1996 outcomes: five "operation not supported" of 500000 show as
	// "<0.1%", with separators.
	var b bytes.Buffer
	s := &Summary{Sample: 500000, Population: Population{Kind: List, Size: 12795635}, Outcomes: []OutcomeCount{
		{Outcome: transcript.TimedOut, Count: 473925}, {Outcome: transcript.Greeted, Count: 26070}, {Outcome: transcript.NotSupported, Count: 5}}}
	if err := New(s, Config{}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">5 (&lt;0.1%)</text>", ">473,925 (94.8%)</text>", "26,070 of 500,000", `data-ci-low="0.0" data-ci-high="0.0"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("page does not have %q", want)
		}
	}
}
