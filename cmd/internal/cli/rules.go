package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/smtpfp/smtpfp/rulebase"
)

// MaxDiags is how many diagnostics of a rulebase given with --rules are
// printed: enough to fix the first mistakes, few enough that a wrong file
// does not flood the terminal (smtpfp check prints them all).
const MaxDiags = 10

// LoadRules loads the rulebase a --rules flag names: "" is the embedded
// default, "-" standard input, "embedded:NAME" a shipped rulebase,
// anything else a .fp source or a .fpc artifact. A file that is neither
// (a binary, say) is refused in one line rather than parsed.
func LoadRules(path string, stdin *Stdin) (*rulebase.Rulebase, error) {
	switch {
	case path == "":
		return rulebase.Default(), nil
	case strings.HasPrefix(path, "embedded:"):
		return rulebase.Load(path)
	}
	b, name, err := stdin.ReadFile(path, "--rules")
	if err != nil {
		return nil, err
	}
	if !rulebase.IsArtifact(b) && !strings.HasSuffix(name, ".fpc") {
		if err := NotBinary(name, b); err != nil {
			return nil, err
		}
	}
	return rulebase.Read(name, b)
}

// NotBinary refuses a rule source that holds a NUL byte: no rule file
// does, every binary file does, and parsing one would print a screenful
// of diagnostics about bytes that were never rules.
func NotBinary(name string, b []byte) error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Errorf("%s: not a rulebase: binary data (a NUL byte at offset %d)", name, i)
	}
	return nil
}

// RulesError is err of LoadRules as printed: a rulebase that does not
// compile shows its first MaxDiags diagnostics and how many more there are.
func RulesError(err error) string {
	var de *rulebase.DiagError
	if !errors.As(err, &de) || len(de.Diags) <= MaxDiags {
		return err.Error()
	}
	var b strings.Builder
	for _, d := range de.Diags[:MaxDiags] {
		b.WriteString(de.Src.Render(d))
	}
	fmt.Fprintf(&b, "%s: %d more diagnostics not shown (smtpfp check %s lists them all)", de.Src.Name, len(de.Diags)-MaxDiags, de.Src.Name)
	return b.String()
}
