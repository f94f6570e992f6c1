package report

import (
	"fmt"
	"math"
	"strconv"
)

// z95 is the standard normal quantile for a two-sided 95% interval.
const z95 = 1.959963984540054

// Estimate scales a count in the sample to the population: Count of Of
// sampled addresses, so about Value of the population's addresses, and
// with 95% confidence between Low and High.
type Estimate struct {
	Count int64   `json:"count"`
	Of    int64   `json:"of"`
	Value float64 `json:"estimate"`
	Low   float64 `json:"ci_low"`
	High  float64 `json:"ci_high"`
}

// Estimated estimates how many of pop's addresses are like k of the n
// sampled ones. The interval is Wilson's score interval for the share k/n
// (it stays inside [0, 1] and is sound for small k, where the normal
// approximation is not), with the finite population correction
// (N-n)/(N-1) applied to its variance, since a list sample draws a sizable
// part of its list (500000 of 12795635 in the 1996 survey).
func Estimated(k, n int64, pop Population) Estimate {
	e := Estimate{Count: k, Of: n}
	if n <= 0 || !pop.Known() {
		return e
	}
	N := float64(pop.Size)
	fpc := 1.0
	if N > 1 && float64(n) <= N {
		fpc = (N - float64(n)) / (N - 1)
	}
	lo, hi := Wilson(k, n, z95, fpc)
	e.Value = N * float64(k) / float64(n)
	e.Low, e.High = N*lo, N*hi
	return e
}

// Wilson returns the Wilson score interval for the proportion k/n at
// normal quantile z, with the variance scaled by fpc (1 for sampling with
// replacement or from an infinite population).
func Wilson(k, n int64, z, fpc float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z * fpc
	d := 1 + z2/nf
	c := (p + z2/(2*nf)) / d
	h := math.Sqrt(z2) / d * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, c-h), math.Min(1, c+h)
}

// half is the interval's half width.
func (e Estimate) half() float64 { return (e.High - e.Low) / 2 }

// About writes the estimate as the seed does ("about 168 million"):
// rounded to the leading digit of the interval's half width, so it shows
// the digits the sample vouches for and no more.
func (e Estimate) About() string {
	u := unitBelow(e.half())
	return formatNumber(math.Round(e.Value/u)*u, u)
}

// AtLeast writes the estimate for "more than ..." and "at least ..."
// ("more than 4 million", "more than 660000", "at least 2.1 million"):
// rounded down to the power of ten at or above the half width (but not
// to zero), a claim coarser than the interval's own precision.
func (e Estimate) AtLeast() string {
	u := unitBelow(e.half())
	if u < e.half() {
		u *= 10
	}
	if v := unitBelow(e.Value); u > v {
		u = v
	}
	return formatNumber(math.Floor(e.Value/u)*u, u)
}

// Interval writes the 95% confidence interval ("166.8 to 170.0 million"),
// one digit finer than About.
func (e Estimate) Interval() string {
	u := unitBelow(e.half()) / 10
	if u < 1 {
		u = 1
	}
	lo, hi := math.Round(e.Low/u)*u, math.Round(e.High/u)*u
	scale, word := scaleOf(hi)
	if scale == 1 {
		return fmt.Sprintf("%s to %s", formatNumber(lo, u), formatNumber(hi, u))
	}
	return fmt.Sprintf("%s to %s %s", scaled(lo, scale, u), scaled(hi, scale, u), word)
}

// unitBelow is the largest power of ten not above x (1 for x < 1).
func unitBelow(x float64) float64 {
	if x < 1 {
		return 1
	}
	u := math.Pow(10, math.Floor(math.Log10(x)))
	if u*10 <= x { // guard against Log10 rounding down at exact powers
		u *= 10
	}
	return u
}

func scaleOf(x float64) (float64, string) {
	switch {
	case x >= 1e9:
		return 1e9, "billion"
	case x >= 1e6:
		return 1e6, "million"
	}
	return 1, ""
}

// formatNumber writes x, a multiple of unit, as the seeds write numbers:
// plain digits below a million ("660000"), else in millions or billions
// with as many decimals as unit needs ("2.1 million", "168 million").
func formatNumber(x, unit float64) string {
	scale, word := scaleOf(x)
	if scale == 1 {
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	}
	return scaled(x, scale, unit) + " " + word
}

func scaled(x, scale, unit float64) string {
	dec := 0
	if unit < scale {
		dec = int(math.Round(math.Log10(scale / unit)))
	}
	return strconv.FormatFloat(x/scale, 'f', dec, 64)
}

// Percent writes k of n as the seed does: a whole percentage ("42%"),
// "<1%" for a share too small to round up to 1%, and ">99%" for one that
// would round up to 100% without being all.
func Percent(k, n int64) string {
	if n == 0 {
		return "0%"
	}
	p := math.Round(100 * float64(k) / float64(n))
	if p == 0 && k > 0 {
		return "<1%"
	}
	if p == 100 && k < n {
		return ">99%"
	}
	return fmt.Sprintf("%.0f%%", p)
}
