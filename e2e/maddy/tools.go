//go:build tools

// Package tools pins the maddy release that e2e/servers/maddy.sh builds
// (go build github.com/foxcpp/maddy/cmd/maddy in this module).
package tools

import _ "github.com/foxcpp/maddy/cmd/maddy"
