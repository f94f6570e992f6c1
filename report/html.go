package report

import (
	"fmt"
	"html/template"
	"io"
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
// Each bar is a <g class="bar"> carrying data-label, data-value and
// data-share (percent, one decimal), so tests and scrapers read the
// charts without measuring pixels.
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
			d.Estimates = append(d.Estimates, htmlEstimate{e.name, e.e.Count, e.e.Of, e.e.About(), e.e.Interval()})
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
	d.Charts = append(d.Charts, hbars("software", "Software share of the greeted addresses", sw))

	var oc []bar
	for _, o := range s.Outcomes {
		if o.Outcome != transcript.Skipped {
			oc = append(oc, bar{Label: o.Words(), Value: o.Count, Of: s.Contacted()})
		}
	}
	title := "Outcomes of the connection attempts"
	if n := s.Sample - s.Contacted(); n > 0 {
		title += fmt.Sprintf(" (%d addresses not contacted)", n)
	}
	d.Charts = append(d.Charts, hbars("outcomes", title, oc))

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
		d.Charts = append(d.Charts, hbars("os", "Operating systems of the greeted addresses", os))
	}
	d.Charts = append(d.Charts, r.tlsCharts()...)
	if len(r.Previous) > 0 {
		d.Charts = append(d.Charts, r.changeChart())
	}
	return pageTmpl.Execute(w, d)
}

// maxBars caps a chart's bars; the rest are summed into one.
const maxBars = 20

type htmlData struct {
	Title     string
	Estimates []htmlEstimate
	Charts    []chart
	Text      string
}

type htmlEstimate struct {
	Name        string
	Count, Of   int64
	About, Span string
}

type bar struct {
	Label  string
	Survey string // for grouped bars
	Value  int64
	Of     int64
	Class  string // CSS class for the bar's colour

	Y, W, TextY int // geometry, set by layout
}

func (b bar) Share() string {
	if b.Of == 0 {
		return "0.0"
	}
	return fmt.Sprintf("%.1f", 100*float64(b.Value)/float64(b.Of))
}

func (b bar) Short() string {
	if len(b.Label) <= 46 {
		return b.Label
	}
	return b.Label[:44] + "…"
}

type group struct {
	Label     string
	Y, LabelY int
	Bars      []bar
}

type chart struct {
	ID, Title     string
	Width, Height int
	Groups        []group
	Legend        []legendItem
	Axis          int // x where bars start
}

type legendItem struct {
	Label, Class string
	X            int
}

const (
	chartW   = 760
	labelW   = 300
	barMax   = 330
	barH     = 16
	barGap   = 6
	legendH  = 24
	chartPad = 8
)

// hbars lays out a chart of one bar per row, scaled to the largest value.
func hbars(id, title string, bars []bar) chart {
	c := chart{ID: id, Title: title, Width: chartW, Axis: labelW}
	var max int64 = 1
	for _, b := range bars {
		if b.Value > max {
			max = b.Value
		}
	}
	y := chartPad
	for _, b := range bars {
		b.Y, b.TextY = y, y+barH-4
		b.W = int(int64(barMax) * b.Value / max)
		if b.W == 0 && b.Value > 0 {
			b.W = 1
		}
		b.Class = "s0"
		c.Groups = append(c.Groups, group{Label: b.Label, Y: y, LabelY: b.TextY, Bars: []bar{b}})
		y += barH + barGap
	}
	c.Height = y + chartPad
	return c
}

// changeChart groups, for the products of the current survey's largest
// share, one bar per survey (oldest first): each product's share of the
// greeted addresses. Products, not tally rows, so a label whose OS tags
// changed between rulebases still lines up.
func (r *Report) changeChart() chart {
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
	c := chart{ID: "change", Title: "Share of the greeted addresses, survey by survey", Width: chartW, Axis: labelW}
	x := labelW
	for i, n := range names {
		c.Legend = append(c.Legend, legendItem{Label: n, Class: fmt.Sprintf("s%d", i%6), X: x})
		x += 14 + 7*len(n) + 18
	}
	y := chartPad + legendH
	for _, p := range prods {
		grp := group{Label: p, Y: y, LabelY: y + barH - 4}
		for i, s := range surveys {
			b := bar{Label: p, Survey: names[i], Value: productCount(s, p), Of: s.Greeted(), Class: fmt.Sprintf("s%d", i%6)}
			b.Y, b.TextY = y, y+barH-4
			if b.Of > 0 {
				b.W = int(float64(barMax) * float64(b.Value) / float64(b.Of))
			}
			grp.Bars = append(grp.Bars, b)
			y += barH + 2
		}
		y += barGap * 2
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
svg .label { fill: #1b1f24; } svg .value { fill: #57606a; }
.s0 { fill: #2f6fb3; } .s1 { fill: #d9822b; } .s2 { fill: #3a9a5b; } .s3 { fill: #b34a6f; } .s4 { fill: #7a5cc0; } .s5 { fill: #8a8f2e; }
pre { font-size: 13px; overflow-x: auto; background: #f6f8fa; padding: 1em; }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } svg .label { fill: #e6edf3; } svg .value { fill: #9da7b3; } pre { background: #161b22; } }
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
<svg class="chart" id="chart-{{.ID}}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-label="{{.Title}}">
{{range .Legend}}<g class="legend"><rect class="{{.Class}}" x="{{.X}}" y="8" width="12" height="12"></rect><text class="label" x="{{add .X 16}}" y="18">{{.Label}}</text></g>
{{end}}{{$axis := .Axis}}{{range .Groups}}<g class="group" data-label="{{.Label}}">
<text class="label" x="{{add $axis -8}}" y="{{.LabelY}}" text-anchor="end">{{(index .Bars 0).Short}}</text>
{{range .Bars}}<g class="bar {{.Class}}" data-label="{{.Label}}"{{if .Survey}} data-survey="{{.Survey}}"{{end}} data-value="{{.Value}}" data-share="{{.Share}}"><title>{{.Label}}{{if .Survey}}, {{.Survey}}{{end}}: {{.Value}} of {{.Of}} ({{.Share}}%)</title><rect class="{{.Class}}" x="{{$axis}}" y="{{.Y}}" width="{{.W}}" height="16"></rect><text class="value" x="{{add $axis (add .W 6)}}" y="{{.TextY}}">{{.Value}} ({{.Share}}%)</text></g>
{{end}}</g>
{{end}}</svg>
{{end}}<h2>Report</h2>
<pre id="text">{{.Text}}</pre>
</body>
</html>
`))
