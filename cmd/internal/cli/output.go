package cli

import (
	"fmt"
	"io"
	"sync"
)

// Output is a command's standard output that remembers the first write
// that failed (a full disk, a closed pipe), so that every subcommand's
// output is checked in one place rather than at each Fprintf: Finish turns
// a run that wrote nothing useful into exit status Problems.
type Output struct {
	w   io.Writer
	mu  sync.Mutex
	err error
}

// NewOutput wraps w.
func NewOutput(w io.Writer) *Output { return &Output{w: w} }

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	o.err = err
	return n, err
}

// Err is the first write error, or nil.
func (o *Output) Err() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// Finish is the exit status of a run that returned code: Problems when
// the run thought it succeeded but its output could not be written (said
// on stderr), code otherwise.
func (o *Output) Finish(prog string, code int, stderr io.Writer) int {
	if err := o.Err(); err != nil {
		fmt.Fprintf(stderr, "%s: writing the output: %v\n", prog, err)
		if code == OK {
			return Problems
		}
	}
	return code
}
