//go:build tools

// Package zgrab2 pins ZGrab2, the scanner `make bench` compares smtpscan
// with, in a module of its own so the project's go.mod does not carry it.
package zgrab2

import _ "github.com/zmap/zgrab2/cmd/zgrab2"
