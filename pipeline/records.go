package pipeline

import "github.com/smtpfp/smtpfp/transcript"

// Each calls fn with every record of in, in order, survey headers
// skipped: for callers that want the records themselves, not their
// classes (an archive's addresses, a test's check of what was written).
// rec is valid until fn returns; rec.Clone keeps it. The first
// malformed record ends it with its *transcript.RecordError, as
// --strict does, and so does fn's first error.
func Each(in *Input, fn func(n int, rec *transcript.Record) error) error {
	return Run(in, Options{Strict: true}, func(b *Batch) error {
		for i := range b.Items {
			if it := &b.Items[i]; it.Rec != nil {
				if err := fn(it.N, it.Rec); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
