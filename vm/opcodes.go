package vm

//go:generate stringer -type=Opcode,CondOp -output=opcode_string.go

// Opcode is an NFA instruction.
type Opcode uint8

const (
	OpInvalid Opcode = iota
	OpByte           // Arg: index into Program.Sets; consume one byte in the set, go to Next
	OpSplit          // go to Next and to Alt
	OpNop            // go to Next
	OpBegin          // assert the start of the pattern's text (the transcript, or the reply for a scoped pattern); go to Next
	OpEnd            // assert the end of the pattern's text; go to Next
	OpMatch          // Arg: pattern index; the pattern has matched
	OpFail           // no match
)

// Inst is one NFA instruction. Links are indexes into Program.Insts.
type Inst struct {
	Op   Opcode
	Arg  uint32
	Next uint32
	Alt  uint32
}

// CondOp is an instruction of a rule's condition, in postfix order.
type CondOp uint8

const (
	CondInvalid CondOp = iota
	CondPat            // Arg: pattern index; push whether it matched
	CondNot            // pop a, push !a
	CondAnd            // pop b, a; push a && b
	CondOr             // pop b, a; push a || b
)

// Cond is one condition instruction.
type Cond struct {
	Op  CondOp
	Arg uint32
}

// ByteSet is a set of bytes, bit b of word b/64.
type ByteSet [4]uint64

// Has reports whether b is in the set.
func (s *ByteSet) Has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }

// Add puts bytes lo..hi (inclusive) in the set.
func (s *ByteSet) Add(lo, hi byte) {
	for c := int(lo); c <= int(hi); c++ {
		s[c>>6] |= 1 << (uint(c) & 63)
	}
}
