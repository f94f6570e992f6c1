package report

import (
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"

	"github.com/smtpfp/smtpfp/transcript"
)

// WriteHTML writes the report as one self-contained page: inline CSS and
// SVG, no scripts, and a Content-Security-Policy that forbids every fetch,
// so the page shows the same offline and leaks nothing when opened. Its
// SVG bar charts show the software share, the outcomes, the OS split and,
// with previous surveys, each product's share in every survey; the text
// report follows in full.
//
// Each bar is a <g class="bar"> carrying data-label, data-value,
// data-share and its 95% interval data-ci-low and data-ci-high (percent,
// one decimal), drawn as a whisker over the bar, so tests and scrapers
// read the charts without measuring pixels. Every chart comes in two
// layouts, one for wide screens (labels left of the bars) and one for
// narrow ones down to 420 pixels (labels above), and CSS shows one, so
// that the text of a chart is never scaled below its size.
func (r *Report) WriteHTML(w io.Writer) error {
	var text strings.Builder
	if err := r.WriteText(&text); err != nil {
		return err
	}
	s := r.Summary
	d := htmlData{Title: "SMTP server survey", Text: text.String()}
	if !s.Start.IsZero() {
		d.Title += ", " + dateRange(s)
	}
	for _, e := range []struct {
		name string
		e    *Estimate
	}{
		{"addresses with PTR records", r.Estimates.PTR},
		{"addresses of reachable hosts", r.Estimates.Reachable},
		{"addresses running SMTP servers", r.Estimates.SMTP},
	} {
		if e.e != nil {
			d.Estimates = append(d.Estimates, htmlEstimate{e.name, commas(e.e.Count), commas(e.e.Of), commasIn(e.e.About()), commasIn(e.e.Interval())})
		}
	}
	g := s.Greeted()

	var sw []bar
	for i, l := range s.Labels {
		if i == maxBars-1 && len(s.Labels) > maxBars {
			var rest int64
			for _, m := range s.Labels[i:] {
				rest += m.Count
			}
			sw = append(sw, bar{Label: fmt.Sprintf("%d other labels", len(s.Labels)-i), Value: rest, Of: g})
			break
		}
		sw = append(sw, bar{Label: l.Name, Value: l.Count, Of: g})
	}
	d.Charts = append(d.Charts, both(hbars, "software", "Software share of the greeted addresses", sw))

	var oc []bar
	for _, o := range s.Outcomes {
		if o.Outcome != transcript.Skipped {
			oc = append(oc, bar{Label: o.Words(), Value: o.Count, Of: s.Contacted()})
		}
	}
	title := "Outcomes of the connection attempts"
	if n := s.Sample - s.Contacted(); n > 0 {
		title += fmt.Sprintf(" (%s addresses not contacted)", commas(n))
	}
	d.Charts = append(d.Charts, both(hbars, "outcomes", title, oc))

	if o := r.OS; g > 0 {
		os := []bar{{Label: "UNIX only", Value: o.UNIX, Of: g}, {Label: "Windows only", Value: o.Windows, Of: g},
			{Label: "UNIX and Windows", Value: o.Both, Of: g}}
		for _, set := range o.Sets {
			name := set.OS
			if name == "" {
				name = "no OS tag"
			}
			os = append(os, bar{Label: name, Value: set.Count, Of: g})
		}
		d.Charts = append(d.Charts, both(hbars, "os", "Operating systems of the greeted addresses", os))
	}
	d.Charts = append(d.Charts, r.tlsCharts()...)
	if len(r.Previous) > 0 {
		d.Charts = append(d.Charts, chartPair{Title: "Share of the greeted addresses, survey by survey",
			Wide: r.changeChart(wide), Narrow: r.changeChart(narrow)})
	}
	return pageTmpl.Execute(w, d)
}

// maxBars caps a chart's bars; the rest are summed into one.
const maxBars = 20

type htmlData struct {
	Title     string
	Estimates []htmlEstimate
	Charts    []chartPair
	Text      string
}

// chartPair is one chart in its two layouts.
type chartPair struct {
	Title        string
	Wide, Narrow chart
}

func both(f func(layout, string, string, []bar) chart, id, title string, bars []bar) chartPair {
	return chartPair{Title: title, Wide: f(wide, id, title, bars), Narrow: f(narrow, id, title, bars)}
}

type htmlEstimate struct {
	Name        string
	Count, Of   string
	About, Span string
}

type bar struct {
	Label  string
	Survey string // for grouped bars
	Value  int64
	Of     int64
	Class  string // CSS class for the bar's colour

	Y, W, TextY   int // geometry, set by layout
	CX1, CX2, CY  int // the 95% interval's whisker, from the chart's axis
	TextX, LabelX int // where the value and (narrow) the label start
	max           int // label length the layout has room for
}

func (b bar) Share() string {
	if b.Of == 0 {
		return "0.0"
	}
	return fmt.Sprintf("%.1f", 100*float64(b.Value)/float64(b.Of))
}

// ShareText is the share as the page prints it: "<0.1" for a share that
// would round to 0.0 but is not nothing.
func (b bar) ShareText() string {
	if s := b.Share(); s != "0.0" || b.Value == 0 {
		return s
	}
	return "<0.1"
}

// CI is the share's Wilson 95% interval, as fractions.
func (b bar) CI() (lo, hi float64) { return Wilson(b.Value, b.Of, z95, 1) }

func (b bar) CILow() string  { lo, _ := b.CI(); return fmt.Sprintf("%.1f", 100*lo) }
func (b bar) CIHigh() string { _, hi := b.CI(); return fmt.Sprintf("%.1f", 100*hi) }

// ValueText is the bar's count with thousands separators.
func (b bar) ValueText() string { return commas(b.Value) }
func (b bar) OfText() string    { return commas(b.Of) }

func (b bar) Short() string {
	n := b.max
	if n == 0 {
		n = 46
	}
	if len(b.Label) <= n {
		return b.Label
	}
	return b.Label[:n-2] + "…"
}

// commas writes n with thousands separators ("1,000,000").
func commas(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// commasIn puts thousands separators into the whole numbers of five or
// more digits in s ("659500 to 674900"), not into decimals.
func commasIn(s string) string {
	return bigNumber.ReplaceAllStringFunc(s, func(m string) string {
		var n int64
		if _, err := fmt.Sscan(m, &n); err != nil || strings.Contains(m, ".") {
			return m // a decimal: "2.103"
		}
		return commas(n)
	})
}

var bigNumber = regexp.MustCompile(`[.0-9]*[0-9]{5,}`)

type group struct {
	Label     string
	Y, LabelY int
	LabelX    int
	Anchor    string // text-anchor of the label
	Short     string // the label as it fits
	Bars      []bar
}

type chart struct {
	ID, Title     string
	Class         string // "wide" or "narrow"
	Width, Height int
	Groups        []group
	Legend        []legendItem
	Axis          int // x where bars start
}

type legendItem struct {
	Label, Class string
	X, Y         int
}

// layout is a chart's geometry: labels left of the bars on wide screens;
// on narrow ones each label on its own line above its bars, so that the
// chart is drawn 400 units wide and shown at its size on a 420-pixel
// screen.
type layout struct {
	class          string
	width, axis    int
	barMax, labelN int
	stacked        bool
}

var (
	wide   = layout{class: "wide", width: 760, axis: 300, barMax: 330, labelN: 46}
	narrow = layout{class: "narrow", width: 400, axis: 4, barMax: 280, labelN: 56, stacked: true}
)

const (
	barH     = 16
	barGap   = 6
	legendH  = 24
	chartPad = 8
	labelH   = 16 // a stacked label's line
)

// place sets a bar's geometry on a row at y, scaled so that units (a
// count) take the layout's full bar length.
func (l layout) place(b *bar, y int, units float64) {
	b.Y, b.TextY, b.CY = y, y+barH-4, y+barH/2
	b.max = l.labelN
	if units > 0 {
		b.W = int(float64(l.barMax)*float64(b.Value)/units + 0.5)
		lo, hi := b.CI()
		b.CX1 = int(float64(l.barMax)*lo*float64(b.Of)/units + 0.5)
		b.CX2 = int(float64(l.barMax)*hi*float64(b.Of)/units + 0.5)
	}
	if b.W == 0 && b.Value > 0 {
		b.W = 1 // visible; the whisker, rounded, still holds its end
		b.CX1, b.CX2 = min(b.CX1, b.W), max(b.CX2, b.W)
	}
	b.TextX = l.axis + max(b.W, b.CX2) + 6
}

// row starts a group at y: its label, and the y of its first bar.
func (l layout) row(label string, y int) (group, int) {
	g := group{Label: label, Y: y}
	if l.stacked {
		g.LabelX, g.LabelY, g.Anchor = l.axis, y+labelH-4, "start"
		y += labelH
	} else {
		g.LabelX, g.LabelY, g.Anchor = l.axis-8, y+barH-4, "end"
	}
	g.Short = bar{Label: label, max: l.labelN}.Short()
	return g, y
}

// hbars lays out a chart of one bar per row, scaled so that the largest
// value and every interval fit.
func hbars(l layout, id, title string, bars []bar) chart {
	c := chart{ID: id, Title: title, Width: l.width, Axis: l.axis, Class: l.class}
	if l.stacked {
		c.ID += "-narrow"
	}
	units := 1.0
	for _, b := range bars {
		_, hi := b.CI()
		units = max(units, float64(b.Value), hi*float64(b.Of))
	}
	y := chartPad
	for _, b := range bars {
		g, by := l.row(b.Label, y)
		l.place(&b, by, units)
		b.Class = "s0"
		g.Bars = []bar{b}
		c.Groups = append(c.Groups, g)
		y = by + barH + barGap
	}
	c.Height = y + chartPad
	return c
}

// changeChart groups, for the products of the current survey's largest
// share, one bar per survey (oldest first): each product's share of the
// greeted addresses. Products, not tally rows, so a label whose OS tags
// changed between rulebases still lines up.
func (r *Report) changeChart(l layout) chart {
	surveys := append(append([]*Summary(nil), r.Previous...), r.Summary)
	names := make([]string, len(surveys))
	for i, s := range surveys {
		names[i] = dateRange(s)
		if s.Start.IsZero() {
			names[i] = fmt.Sprintf("survey %d", i+1)
		}
	}
	names[len(names)-1] += " (this survey)"
	var prods []string
	for _, p := range r.Products {
		if len(prods) == 10 {
			break
		}
		if !p.Default {
			prods = append(prods, p.Product)
		}
	}
	c := chart{ID: "change", Title: "Share of the greeted addresses, survey by survey", Width: l.width, Axis: l.axis, Class: l.class}
	if l.stacked {
		c.ID += "-narrow"
	}
	// The legend: one item a line when narrow.
	x, y := l.axis, chartPad
	for i, n := range names {
		if l.stacked && i > 0 {
			x, y = l.axis, y+legendH-6
		}
		c.Legend = append(c.Legend, legendItem{Label: n, Class: fmt.Sprintf("s%d", i%6), X: x, Y: y})
		x += 14 + 7*len(n) + 18
	}
	y += legendH
	// Shares: the longest bar or interval takes the full length.
	units := 0.0
	for _, p := range prods {
		for _, s := range surveys {
			b := bar{Value: productCount(s, p), Of: s.Greeted()}
			if b.Of > 0 {
				_, hi := b.CI()
				units = max(units, hi)
			}
		}
	}
	for _, p := range prods {
		grp, by := l.row(p, y)
		for i, s := range surveys {
			b := bar{Label: p, Survey: names[i], Value: productCount(s, p), Of: s.Greeted(), Class: fmt.Sprintf("s%d", i%6)}
			if b.Of > 0 {
				l.place(&b, by, units*float64(b.Of))
			}
			grp.Bars = append(grp.Bars, b)
			by += barH + 2
		}
		y = by + barGap*2
		c.Groups = append(c.Groups, grp)
	}
	c.Height = y + chartPad
	return c
}

var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"add": func(a, b int) int { return a + b },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; color: #1b1f24; background: #fff; margin: 2em auto; max-width: 800px; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; } td, th { padding: .2em .8em .2em 0; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { display: block; width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg.chart.narrow { display: none; max-width: 400px; }
svg .label { fill: #1b1f24; } svg .value { fill: #57606a; } svg .ci { stroke: #1b1f24; stroke-width: 1.5; }
.s0 { fill: #2f6fb3; } .s1 { fill: #d9822b; } .s2 { fill: #3a9a5b; } .s3 { fill: #b34a6f; } .s4 { fill: #7a5cc0; } .s5 { fill: #8a8f2e; }
pre { font-size: 13px; overflow-x: auto; background: #f6f8fa; padding: 1em; }
@media (max-width: 640px) {
  body { margin: 1em auto; padding: 0 10px; }
  svg.chart.wide { display: none; } svg.chart.narrow { display: block; }
  #estimates td, #estimates th { padding-right: .4em; font-size: 13px; }
  pre { font-size: 11px; }
}
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } svg .label { fill: #e6edf3; } svg .value { fill: #9da7b3; } svg .ci { stroke: #e6edf3; } pre { background: #161b22; } }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{if .Estimates}}<h2>Estimates for the population</h2>
<table id="estimates">
<tr><th></th><th>sample</th><th>estimate</th><th>95% confidence interval</th></tr>
{{range .Estimates}}<tr><td>{{.Name}}</td><td class="n">{{.Count}} of {{.Of}}</td><td class="n">about {{.About}}</td><td class="n">{{.Span}}</td></tr>
{{end}}</table>
{{end}}{{range .Charts}}<h2>{{.Title}}</h2>
{{template "chart" .Wide}}{{template "chart" .Narrow}}{{end}}<h2>Report</h2>
<pre id="text">{{.Text}}</pre>
</body>
</html>
{{define "chart"}}<svg class="chart {{.Class}}" id="chart-{{.ID}}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-label="{{.Title}}">
{{range .Legend}}<g class="legend"><rect class="{{.Class}}" x="{{.X}}" y="{{.Y}}" width="12" height="12"></rect><text class="label" x="{{add .X 16}}" y="{{add .Y 10}}">{{.Label}}</text></g>
{{end}}{{$axis := .Axis}}{{range .Groups}}<g class="group" data-label="{{.Label}}">
<text class="label" x="{{.LabelX}}" y="{{.LabelY}}" text-anchor="{{.Anchor}}">{{.Short}}</text>
{{range .Bars}}<g class="bar {{.Class}}" data-label="{{.Label}}"{{if .Survey}} data-survey="{{.Survey}}"{{end}} data-value="{{.Value}}" data-share="{{.Share}}" data-ci-low="{{.CILow}}" data-ci-high="{{.CIHigh}}"><title>{{.Label}}{{if .Survey}}, {{.Survey}}{{end}}: {{.ValueText}} of {{.OfText}} ({{.ShareText}}%; 95% interval {{.CILow}}% to {{.CIHigh}}%)</title><rect class="{{.Class}}" x="{{$axis}}" y="{{.Y}}" width="{{.W}}" height="16"></rect><path class="ci" d="M{{add $axis .CX1}} {{add .CY -4}}v8M{{add $axis .CX1}} {{.CY}}H{{add $axis .CX2}}M{{add $axis .CX2}} {{add .CY -4}}v8"></path><text class="value" x="{{.TextX}}" y="{{.TextY}}">{{.ValueText}} ({{.ShareText}}%)</text></g>
{{end}}</g>
{{end}}</svg>
{{end}}`))
