package compiler

// The candidate index of lint: which patterns can match a given
// transcript, without running all of them. Each pattern is filed under a
// literal that every match of it contains (the first bytes of its longest
// required literal); a transcript can only be matched by the patterns
// filed under one of its substrings, and by those with no required
// literal, which are always candidates. Lint asks this for each
// counterexample of its proofs, so a rule is compared only with the
// earlier rules that could match what it matches, not with every one.

import (
	"regexp/syntax"
	"slices"
)

// keyLen caps an index key: a prefix of a required literal is required
// too, and a witness is looked up by its substrings of each key length.
const keyLen = 6

type litIndex struct {
	byKey     map[string][]int // key -> patterns, in order of addition
	lens      []int            // key lengths in use
	unindexed []int            // patterns with no required literal
	pos       map[int]int      // pattern -> order of addition
}

func newLitIndex() *litIndex {
	return &litIndex{byKey: map[string][]int{}, pos: map[int]int{}}
}

// add files pattern pat under key ("" when it has none).
func (x *litIndex) add(pat int, key string) {
	if _, ok := x.pos[pat]; ok {
		return
	}
	x.pos[pat] = len(x.pos)
	if key == "" {
		x.unindexed = append(x.unindexed, pat)
		return
	}
	if !slices.Contains(x.lens, len(key)) {
		x.lens = append(x.lens, len(key))
	}
	x.byKey[key] = append(x.byKey[key], pat)
}

// candidates returns the patterns that may match a transcript of text,
// in order of addition. A text of a few hundred bytes (lint's witnesses
// are shortest transcripts) is looked up substring by substring.
func (x *litIndex) candidates(text []byte) []int {
	out := slices.Clone(x.unindexed)
	seen := map[string]bool{}
	for _, n := range x.lens {
		for i := 0; i+n <= len(text); i++ {
			k := string(text[i : i+n])
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, x.byKey[k]...)
		}
	}
	slices.SortFunc(out, func(a, b int) int { return x.pos[a] - x.pos[b] })
	return out
}

// indexKeys picks each pattern's index key: of the windows of keyLen
// bytes (or whole, when shorter) of the literals its matches require,
// the one fewest patterns have, so a common "ESMTP " does not file every
// pattern under one key. "" for a pattern that requires no literal.
func indexKeys(exprs []string) []string {
	wins := make([][]string, len(exprs))
	count := map[string]int{}
	for i, expr := range exprs {
		re, err := syntax.Parse(expr, ParseFlags)
		if err != nil {
			continue
		}
		mine := map[string]bool{}
		for _, lit := range required(re.Simplify()) {
			n := min(len(lit), keyLen)
			for j := 0; j+n <= len(lit); j++ {
				mine[lit[j:j+n]] = true
			}
		}
		for w := range mine {
			wins[i] = append(wins[i], w)
			count[w]++
		}
	}
	keys := make([]string, len(exprs))
	for i, ws := range wins {
		slices.Sort(ws) // ties go the same way every run
		for _, w := range ws {
			if k := keys[i]; k == "" || count[w] < count[k] || count[w] == count[k] && len(w) > len(k) {
				keys[i] = w
			}
		}
	}
	return keys
}

// required lists literals every match of re contains. Runes are bytes
// (Latin-1); a case-folded literal names no bytes and is left out.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if b, ok := literalBytes(re); ok {
			return []string{string(b)}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var out []string
		var run []byte
		for _, sub := range re.Sub {
			if b, ok := literalBytes(sub); ok && sub.Op == syntax.OpLiteral {
				run = append(run, b...)
				continue
			}
			if len(run) > 0 {
				out = append(out, string(run))
				run = nil
			}
			out = append(out, required(sub)...)
		}
		if len(run) > 0 {
			out = append(out, string(run))
		}
		return out
	}
	return nil
}

func literalBytes(re *syntax.Regexp) ([]byte, bool) {
	if re.Op != syntax.OpLiteral || re.Flags&syntax.FoldCase != 0 {
		return nil, false
	}
	b := make([]byte, 0, len(re.Rune))
	for _, r := range re.Rune {
		if r > 0xFF {
			return nil, false
		}
		b = append(b, byte(r))
	}
	return b, true
}
