//go:build tools

// Package tools pins the mailpit release that e2e/servers/mailpit.sh builds
// (go build github.com/axllent/mailpit in this module).
package tools

import _ "github.com/axllent/mailpit"
