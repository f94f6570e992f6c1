package vm

import (
	"fmt"
	"strings"
)

// String disassembles the program: header, byte sets, patterns with their
// instructions, rules in postfix, labels. Tests compare it as text.
func (p *Program) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rulebase %q version %q view %s\n", p.Name, p.Version, p.View)
	for i, s := range p.Sets {
		fmt.Fprintf(&b, "set %d %s\n", i, setString(&s))
	}
	for i, pt := range p.Patterns {
		fmt.Fprintf(&b, "pattern %d scope %s start %d caps %d /%s/\n", i, pt.Scope, pt.Start, pt.NumCap, pt.Source)
	}
	for pc, in := range p.Insts {
		fmt.Fprintf(&b, "%4d %s\n", pc, instString(in))
	}
	for i, r := range p.Rules {
		fmt.Fprintf(&b, "rule %d line %d label %s:", i, r.Line, p.Labels[r.Label].ID)
		for _, c := range r.Cond {
			switch c.Op {
			case CondPat:
				fmt.Fprintf(&b, " pat %d", c.Arg)
			default:
				fmt.Fprintf(&b, " %s", strings.ToLower(strings.TrimPrefix(c.Op.String(), "Cond")))
			}
		}
		if r.VerPat >= 0 {
			fmt.Fprintf(&b, " version pat %d $%d", r.VerPat, r.VerCap)
		}
		b.WriteByte('\n')
	}
	for i, l := range p.Labels {
		fmt.Fprintf(&b, "label %d %s %q\n", i, l.ID, l.Display())
	}
	if p.Default >= 0 {
		fmt.Fprintf(&b, "default %s\n", p.Labels[p.Default].ID)
	}
	return b.String()
}

func instString(in Inst) string {
	switch in.Op {
	case OpByte:
		return fmt.Sprintf("byte set %d -> %d", in.Arg, in.Next)
	case OpSplit:
		return fmt.Sprintf("split -> %d, %d", in.Next, in.Alt)
	case OpNop, OpBegin, OpEnd:
		return fmt.Sprintf("%s -> %d", strings.ToLower(strings.TrimPrefix(in.Op.String(), "Op")), in.Next)
	case OpMatch:
		return fmt.Sprintf("match pattern %d", in.Arg)
	}
	return strings.ToLower(strings.TrimPrefix(in.Op.String(), "Op"))
}

// setString prints a byte set as ranges, printable bytes as themselves.
func setString(s *ByteSet) string {
	var b strings.Builder
	b.WriteByte('[')
	show := func(c int) string {
		if c > ' ' && c < 0x7f && c != '\\' && c != ']' && c != '-' {
			return string(rune(c))
		}
		return fmt.Sprintf(`\x%02x`, c)
	}
	for c := 0; c < 256; c++ {
		if !s.Has(byte(c)) {
			continue
		}
		e := c
		for e+1 < 256 && s.Has(byte(e+1)) {
			e++
		}
		b.WriteString(show(c))
		if e > c {
			b.WriteString("-" + show(e))
		}
		c = e
	}
	b.WriteByte(']')
	return b.String()
}
