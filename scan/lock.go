package scan

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

// Lock is a survey's exclusive hold on its archive FILE and the files
// beside it (FILE.survey): an flock(2) on FILE.lock, which holds who has
// it. A second smtpscan writing to FILE, or resuming it, while the first
// runs would trim the live file's last line or interleave records; it is
// refused at once instead. The kernel drops the lock when the holder
// exits, however it exits, so a killed survey never leaves FILE locked.
type Lock struct {
	f    *os.File
	path string
}

// LockedError is the refusal: the archive is held by another process.
type LockedError struct {
	Archive string
	Holder  string // "pid 1234 on host since 2026-12-02T05:00:00Z"; "" when it had not written it yet
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h == "" {
		h = "another process"
	}
	return fmt.Sprintf("%s is in use by %s (its lock is %s.lock): wait for it to finish, or stop it first", e.Archive, h, e.Archive)
}

// LockArchive takes the lock of the archive at path, or fails at once
// with a *LockedError naming the holder.
func LockArchive(path string) (*Lock, error) {
	lp := path + ".lock"
	for {
		f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			holder, _ := io.ReadAll(io.LimitReader(f, 512))
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, &LockedError{Archive: path, Holder: strings.TrimSpace(string(holder))}
			}
			return nil, fmt.Errorf("lock %s: %v", lp, err)
		}
		// A holder that finished between our open and our flock removed
		// the file: the lock we got is on a file nobody else will open.
		held, err1 := f.Stat()
		now, err2 := os.Stat(lp)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		host, _ := os.Hostname()
		who := fmt.Sprintf("pid %d on %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, err
		}
		if _, err := f.WriteAt([]byte(who), 0); err != nil {
			f.Close()
			return nil, err
		}
		return &Lock{f: f, path: lp}, nil
	}
}

// Unlock removes the lock file and lets go. The file is removed while
// still locked, so nobody can take a lock on it that LockArchive would not
// notice.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
