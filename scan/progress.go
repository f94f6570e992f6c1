package scan

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// Progress reports a running survey on a terminal: one line, rewritten in
// place every Every, with done/total, the rate, the time left and the
// outcome counts so far. cmd/smtpscan uses it only when stderr is a
// terminal.
type Progress struct {
	W     io.Writer
	Every time.Duration // default 1s
	// Width is the terminal's width in columns: the line is cut to one
	// less, since a line that fills the terminal wraps and \r then
	// rewrites only its last row. 0 is no limit.
	Width int

	mu    sync.Mutex
	quit  chan struct{}
	wg    sync.WaitGroup
	width int
}

func (p *Progress) start(s *Scanner, total int64) {
	every := p.Every
	if every <= 0 {
		every = time.Second
	}
	p.quit = make(chan struct{})
	p.wg.Add(1)
	begin := time.Now()
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.quit:
				p.line(s, total, begin)
				fmt.Fprintln(p.W)
				return
			case <-t.C:
				p.line(s, total, begin)
			}
		}
	}()
}

func (p *Progress) stop() {
	close(p.quit)
	p.wg.Wait()
}

func (p *Progress) line(s *Scanner, total int64, begin time.Time) {
	done := s.done.Load()
	el := time.Since(begin)
	rate := float64(done) / el.Seconds()
	var b strings.Builder
	if total > 0 {
		fmt.Fprintf(&b, "%d/%d (%.1f%%)", done, total, 100*float64(done)/float64(total))
	} else {
		fmt.Fprintf(&b, "%d", done)
	}
	fmt.Fprintf(&b, " %.0f/s", rate)
	if total > 0 && rate > 0 && done < total {
		eta := time.Duration(float64(total-done) / rate * float64(time.Second))
		fmt.Fprintf(&b, " ETA %s", eta.Round(time.Second))
	}
	for i, o := range transcript.Outcomes {
		if n := s.outcomes[i].Load(); n > 0 {
			fmt.Fprintf(&b, " %s:%d", o, n)
		}
	}
	line := b.String()
	if p.Width > 1 && len(line) > p.Width-1 {
		line = line[:p.Width-1] // ASCII only: bytes are columns
	}
	pad := ""
	if n := p.width - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	p.width = len(line)
	p.mu.Lock()
	fmt.Fprintf(p.W, "\r%s%s", line, pad)
	p.mu.Unlock()
}
