//go:build tools

// Package tools pins the mox release that e2e/servers/mox.sh builds
// (go build github.com/mjl-/mox in this module).
package tools

import _ "github.com/mjl-/mox"
