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

// add files pattern pat under keys: a transcript it matches contains
// one of them (none: it is always a candidate).
func (x *litIndex) add(pat int, keys []string) {
	if _, ok := x.pos[pat]; ok {
		return
	}
	x.pos[pat] = len(x.pos)
	if len(keys) == 0 {
		x.unindexed = append(x.unindexed, pat)
		return
	}
	for _, key := range keys {
		if !slices.Contains(x.lens, len(key)) {
			x.lens = append(x.lens, len(key))
		}
		x.byKey[key] = append(x.byKey[key], pat)
	}
}

// candidates returns the patterns that may match a transcript of text,
// in order of addition. A text of a few hundred bytes (lint's witnesses
// are shortest transcripts) is looked up substring by substring.
func (x *litIndex) candidates(text []byte) []int {
	out := slices.Clone(x.unindexed)
	seen := map[string]bool{}
	in := map[int]bool{}
	for _, n := range x.lens {
		for i := 0; i+n <= len(text); i++ {
			k := string(text[i : i+n])
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, pat := range x.byKey[k] {
				if !in[pat] {
					in[pat] = true
					out = append(out, pat)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b int) int { return x.pos[a] - x.pos[b] })
	return out
}

// indexKeys picks each pattern's index keys. What a pattern requires is
// a list of options, each a set of literals a match contains one of (one
// literal, or one per branch of an alternation). Each literal is keyed
// by its window of keyLen bytes (or whole, when shorter) that fewest
// patterns have, so a common "ESMTP " does not file every pattern under
// one key, and the option whose keys are rarest in all is the pattern's.
// No keys for a pattern that requires no literal.
func indexKeys(exprs []string) [][]string {
	opts := make([][][]string, len(exprs))
	count := map[string]int{}
	for i, expr := range exprs {
		re, err := syntax.Parse(expr, ParseFlags)
		if err != nil {
			continue
		}
		opts[i] = required(re.Simplify())
		mine := map[string]bool{}
		for _, opt := range opts[i] {
			for _, lit := range opt {
				for _, w := range windows(lit) {
					mine[w] = true
				}
			}
		}
		for w := range mine {
			count[w]++
		}
	}
	keys := make([][]string, len(exprs))
	for i, os := range opts {
		best, bestScore := []string(nil), 0
		for _, opt := range os {
			var ks []string
			score := 0
			for _, lit := range opt {
				ws := windows(lit)
				slices.Sort(ws) // ties go the same way every run
				k := ws[0]
				for _, w := range ws[1:] {
					if count[w] < count[k] {
						k = w
					}
				}
				ks = append(ks, k)
				score += count[k]
			}
			better := best == nil || score < bestScore ||
				score == bestScore && (len(ks) < len(best) || len(ks) == len(best) && minLen(ks) > minLen(best))
			if better {
				best, bestScore = ks, score
			}
		}
		keys[i] = best
	}
	return keys
}

// windows lists the substrings of keyLen bytes of lit, or lit when it is
// shorter.
func windows(lit string) []string {
	n := min(len(lit), keyLen)
	var out []string
	for j := 0; j+n <= len(lit); j++ {
		out = append(out, lit[j:j+n])
	}
	return out
}

// required lists what every match of re contains: options, each a set of
// literals of which a match contains at least one. Runes are bytes
// (Latin-1); a case-folded literal names no bytes and is left out.
func required(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		if b, ok := literalBytes(re); ok && len(b) > 0 {
			return [][]string{{string(b)}}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var out [][]string
		var run []byte
		for _, sub := range re.Sub {
			if b, ok := literalBytes(sub); ok {
				run = append(run, b...)
				continue
			}
			if len(run) > 0 {
				out = append(out, []string{string(run)})
				run = nil
			}
			out = append(out, required(sub)...)
		}
		if len(run) > 0 {
			out = append(out, []string{string(run)})
		}
		return out
	case syntax.OpAlternate:
		// One of the branches matches: each must require something, and
		// the option is the union of one option of each (its longest).
		var union []string
		for _, sub := range re.Sub {
			os := required(sub)
			if len(os) == 0 {
				return nil
			}
			best := os[0]
			for _, o := range os[1:] {
				if minLen(o) > minLen(best) {
					best = o
				}
			}
			union = append(union, best...)
		}
		return [][]string{union}
	}
	return nil
}

// minLen is the length of the shortest literal of an option.
func minLen(opt []string) int {
	n := -1
	for _, l := range opt {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
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
