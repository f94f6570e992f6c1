package report

import "strings"

// CompareVersions compares two product versions as MTAs write them
// ("8.9.3", "8.9.3p1", "4.94.2", "6.6.2rc1", "3.5-20200101") and returns
// -1, 0 or +1. Versions split into runs of digits and runs of other
// bytes; digit runs compare as numbers ("10" > "9", "007" = "7"), other
// runs as bytes, and dots and dashes only separate. Where one version
// ends and the other goes on, the longer one is later ("8.9.3p1" >
// "8.9.3", "4.94.2" > "4.94"), unless what follows starts a pre-release:
// "alpha", "beta", "pre", "rc", "dev", "a" or "b" followed by a digit
// ("6.6.2rc1" < "6.6.2"). The empty version (none captured) sorts first.
func CompareVersions(a, b string) int {
	ta, tb := versionTokens(a), versionTokens(b)
	for i := 0; ; i++ {
		switch {
		case i == len(ta) && i == len(tb):
			return 0
		case i == len(ta):
			return -tailSign(tb[i:])
		case i == len(tb):
			return tailSign(ta[i:])
		}
		if c := compareToken(ta[i:], tb[i:]); c != 0 {
			return c
		}
	}
}

// tailSign is the sign of a version's extra tokens against their
// absence: -1 when they start a pre-release.
func tailSign(tail []string) int {
	t := strings.ToLower(tail[0])
	for _, p := range []string{"alpha", "beta", "pre", "rc", "dev"} {
		if strings.HasPrefix(t, p) {
			return -1
		}
	}
	if (t == "a" || t == "b") && len(tail) > 1 && isDigits(tail[1]) {
		return -1
	}
	return 1
}

// compareToken compares the first tokens of a and b; the rest tells a
// pre-release word from another ("a" in "2.0a1" is alpha, in "2.0a" a
// later release).
func compareToken(ta, tb []string) int {
	a, b := ta[0], tb[0]
	da, db := isDigits(a), isDigits(b)
	switch {
	case da && db:
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			return sign(len(a) - len(b))
		}
		return strings.Compare(a, b)
	case da:
		return 1 // 4.94.2 > 4.94.beta: a number beats a word
	case db:
		return -1
	}
	if pa, pb := tailSign(ta), tailSign(tb); pa != pb {
		return sign(pa - pb)
	}
	return strings.Compare(a, b)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// versionTokens splits a version into digit runs and other runs, dropping
// the separators '.', '-', '_' and '+'.
func versionTokens(v string) []string {
	var ts []string
	start := -1
	for i := 0; i <= len(v); i++ {
		if i < len(v) && strings.IndexByte(".-_+", v[i]) < 0 &&
			(start < 0 || isDigit(v[start]) == isDigit(v[i])) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			ts = append(ts, v[start:i])
			start = -1
		}
		if i < len(v) && strings.IndexByte(".-_+", v[i]) < 0 {
			start = i
		}
	}
	return ts
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Matches reports whether version v satisfies "v OP want" for the
// advisory operators "<", "<=", "=", ">=", ">". An empty v matches nothing:
// a host whose version is unknown is not counted as affected.
func Matches(v, op, want string) bool {
	if v == "" {
		return false
	}
	c := CompareVersions(v, want)
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case "=", "==":
		return c == 0
	case ">=":
		return c >= 0
	case ">":
		return c > 0
	}
	return false
}
