package rulebase

import (
	"bytes"

	"github.com/smtpfp/smtpfp/vm"
)

// IsArtifact reports whether b is a compiled rulebase (smtpfp compile).
func IsArtifact(b []byte) bool { return bytes.HasPrefix(b, []byte(vm.ArtifactMagic)) }
