//go:build tools

// Package tools pins the inbucket release that e2e/servers/inbucket.sh builds
// (go build github.com/inbucket/inbucket/v3/cmd/inbucket in this module).
package tools

import _ "github.com/inbucket/inbucket/v3/cmd/inbucket"
