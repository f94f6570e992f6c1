package rulebase

import "testing"

// BenchmarkLoad: loading a shipped rulebase from source (parse, compile,
// the width check), which every command pays before its first record.
func BenchmarkLoad(b *testing.B) {
	for _, path := range []string{"../rules/djb2001.fp", "../rules/smtp.fp"} {
		b.Run(path[len("../rules/"):], func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
