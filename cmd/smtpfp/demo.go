package main

import "io"

func runDemo(stdout, stderr io.Writer) int {
	usage(stdout)
	return exitOK
}
