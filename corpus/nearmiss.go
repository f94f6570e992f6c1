package corpus

// nearMiss makes a plain case, finds where its winning seed pattern matches
// in the seed view, and changes one byte inside that match (a letter's
// case, a digit, a space into a TAB, a CR or LF dropped) so that the
// pattern no longer matches: the inputs where a matcher that is off by one
// character would disagree with gawk. It reports false, leaving a plain
// case, when it picked the default or no tried edit broke the match.
//
// The match is found with Go's regexp on the copy in patterns.go. It only
// aims the edit; gawk stays the judge of what the result is.
func (g *Generator) nearMiss() bool {
	ti := g.pickCase()
	g.plain(ti)
	rule := g.ts.all[ti].c.Rule
	if rule < 0 {
		return false
	}
	re := g.ts.rules[rule]
	g.view = g.seedView(g.view[:0])
	loc := re.FindIndex(g.view)
	if loc == nil || loc[0] == loc[1] {
		return false
	}
	prefix := len(g.view) - g.replyLen()
	for try := 0; try < 8; try++ {
		p := loc[0] + g.rng.IntN(loc[1]-loc[0])
		if p < prefix {
			continue // the address is not the server's to change
		}
		j, off := g.locate(p - prefix)
		s := &g.cur[j]
		old := append([]byte(nil), s.reply...)
		g.nudge(s, off)
		g.view = g.seedView(g.view[:0])
		if !re.Match(g.view) {
			return true
		}
		s.reply = append(s.reply[:0], old...)
	}
	return false
}

// nudge changes the one byte at off in s.reply.
func (g *Generator) nudge(s *scratch, off int) {
	c := s.reply[off]
	switch {
	case c == '\r' || c == '\n':
		s.reply = append(s.reply[:off], s.reply[off+1:]...)
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		s.reply[off] = c ^ 0x20
	case '0' <= c && c <= '9':
		s.reply[off] = '0' + (c-'0'+1+byte(g.rng.IntN(9)))%10
	case c == ' ':
		s.reply[off] = "\t_"[g.rng.IntN(2)]
	case g.rng.IntN(2) == 0:
		s.reply = append(s.reply[:off], s.reply[off+1:]...)
	default:
		s.reply[off] = '_'
	}
}

// seedView appends the seed's view of the record being made: the address
// prefix is a stand-in of the same shape, since near misses never touch it.
func (g *Generator) seedView(b []byte) []byte {
	b = append(b, "192.0.2.1 "...)
	for i := 0; i < g.n; i++ {
		start := len(b)
		b = append(b, g.cur[i].reply...)
		for k := start; k < len(b); k++ {
			switch b[k] {
			case '\r':
				b[k] = 'M'
			case '\n':
				b[k] = ' '
			}
		}
	}
	return b
}

func (g *Generator) replyLen() int {
	n := 0
	for i := 0; i < g.n; i++ {
		n += len(g.cur[i].reply)
	}
	return n
}

// locate maps an offset into the concatenated replies to a step and an
// offset in its reply.
func (g *Generator) locate(off int) (int, int) {
	for i := 0; i < g.n; i++ {
		if off < len(g.cur[i].reply) {
			return i, off
		}
		off -= len(g.cur[i].reply)
	}
	return g.n - 1, len(g.cur[g.n-1].reply) - 1
}
