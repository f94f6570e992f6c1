package transcript

import "time"

// Header is the survey header an archive may begin with: one JSON line
// holding a single "survey" object, before the records, written by
// smtpscan into every new archive (and every shard):
//
//	{"survey":{"format":1,"id":"s1-n1000000","population":"ipv4","population_size":4294967296,"sample_size":1000000,"shard":1,"shards":4,"started":"2001-09-27T00:00:00Z","require_ptr":true,"relay_probe":false}}
//
// Reports learn from it what was sampled; the sample size is the number
// of records read, which SampleSize only checks. Readers of records skip
// it (IsHeader).
type Header struct {
	Format     int    `json:"format"`             // 1
	ID         string `json:"id,omitempty"`       // the survey's id, the same in all its shards
	Population string `json:"population"`         // "ipv4" or "list"
	Size       int64  `json:"population_size"`    // 4294967296 for ipv4 (the eligible addresses when Eligible); the list's length for a list (0 when Streamed)
	Eligible   bool   `json:"eligible,omitempty"` // ipv4: population_size counts the addresses the exclusions allow, those sampled
	List       string `json:"list,omitempty"`     // the list's name, for a list
	Streamed   bool   `json:"streamed,omitempty"` // the list came on a pipe, surveyed as it came: its size is the records'

	SampleSize int64     `json:"sample_size,omitempty"` // addresses the whole survey draws (all shards)
	Shard      int       `json:"shard,omitempty"`       // this shard, from 1
	Shards     int       `json:"shards,omitempty"`      // shards in the survey
	Started    time.Time `json:"started,omitzero"`
	RequirePTR bool      `json:"require_ptr,omitempty"` // only addresses with PTR records were contacted
	RelayProbe bool      `json:"relay_probe,omitempty"` // greeted hosts were probed for relaying
	TLS        string    `json:"tls,omitempty"`         // TLSStartTLS (--starttls) or TLSImplicit (--smtps); "" when TLS was not tried
}

// HeaderFormat is the Header.Format this code writes and reads.
const HeaderFormat = 1
