package lang

import "strings"

// Format prints a parsed file in canonical form: single spaces between
// tokens, regexes and strings exactly as written, comments kept where they
// were, runs of blank lines squeezed to one. Format of Format's output is
// the same text (tested). Callers must not format a file that had syntax
// errors: its bad lines are not in f.
func Format(f *File) string {
	var b strings.Builder
	blank := false
	wrote := false
	for _, ln := range f.Lines {
		if ln.Stmt == nil && ln.Comment == nil {
			blank = wrote
			continue
		}
		if blank {
			b.WriteByte('\n')
			blank = false
		}
		wrote = true
		if ln.Stmt != nil {
			b.WriteString(FormatStmt(ln.Stmt))
			if ln.Comment != nil {
				b.WriteByte(' ')
			}
		}
		if ln.Comment != nil {
			b.WriteString(strings.TrimRight(*ln.Comment, " \t\r"))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// FormatStmt prints one statement in canonical form.
func FormatStmt(s *Stmt) string {
	var b strings.Builder
	switch {
	case s.Header != nil:
		b.WriteString("rulebase " + s.Header.Name.Lit + " version " + s.Header.Version.Lit)
	case s.View != nil:
		b.WriteString("view " + s.View.Name.Name)
	case s.Label != nil:
		l := s.Label
		b.WriteString("label " + l.ID.Name + " " + l.Name.Lit)
		for i, o := range l.OS {
			if i == 0 {
				b.WriteString(" os ")
			} else {
				b.WriteString(", ")
			}
			b.WriteString(o.Name)
		}
		for _, kv := range []struct {
			k string
			v *Str
		}{{"vendor", l.Vendor}, {"product", l.Product}, {"cpe", l.CPE}} {
			if kv.v != nil {
				b.WriteString(" " + kv.k + " " + kv.v.Lit)
			}
		}
	case s.Default != nil:
		b.WriteString("default -> " + s.Default.Label.Name)
	case s.Advisory != nil:
		a := s.Advisory
		b.WriteString("advisory " + a.ID.Lit + " " + a.Label.Name + " " + a.Op + " " + a.Version.Lit)
		if a.Upper != nil {
			b.WriteString(" && " + a.Upper.Op + " " + a.Upper.Version.Lit)
		}
	case s.Rule != nil:
		writeOr(&b, s.Rule.Cond)
		b.WriteString(" -> " + s.Rule.Label.Name)
		if s.Rule.Version != nil {
			b.WriteString(" version " + s.Rule.Version.Lit)
		}
	}
	return b.String()
}

func writeOr(b *strings.Builder, o *Or) {
	for i, t := range o.Terms {
		if i > 0 {
			b.WriteString(" || ")
		}
		for j, f := range t.Factors {
			if j > 0 {
				b.WriteString(" && ")
			}
			writeUnary(b, f)
		}
	}
}

func writeUnary(b *strings.Builder, u *Unary) {
	for u.Not != nil {
		b.WriteByte('!')
		u = u.Not
	}
	p := u.Prim
	if p.Group != nil {
		b.WriteByte('(')
		writeOr(b, p.Group)
		b.WriteByte(')')
		return
	}
	m := p.Match
	if m.Scope != nil {
		b.WriteString(m.Scope.Name + " " + m.Op + " ")
	}
	b.WriteString(m.Regex.Lit)
}
