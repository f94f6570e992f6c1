package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// A resumed survey must walk the same targets as the run it continues, or
// "skip what the archive has" would skip the wrong addresses. So beside
// the archive FILE, FILE.survey keeps the flags that choose the targets;
// --resume refuses to go on when they differ.

func surveyKey(o *options) string {
	return fmt.Sprintf("count=%d all=%v seed=%d shard=%q from-list=%q sample=%d targets=%q port=%d allow-private=%v blocklist=%q simulate=%q sim-seed=%d\n",
		o.n, o.all, o.seed, o.shard, o.fromList, o.sample, o.targets, o.port, o.allowPrivate,
		strings.Join(o.blocklists, ","), o.simulate, o.simSeed)
}

func checkSurvey(o *options) error {
	path := o.output + ".survey"
	key := surveyKey(o)
	if o.resume {
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return err
		case string(old) != key:
			return fmt.Errorf("--resume: %s was started with other targets:\n  then: %s  now:  %s", o.output, old, key)
		default:
			return nil
		}
	}
	return os.WriteFile(path, []byte(key), 0o644)
}
