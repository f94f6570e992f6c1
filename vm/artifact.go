package vm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// A compiled rulebase saved to a file: the magic line, then a JSON header
// line {"format":N,"name":...,"version":...,"hash":...}, then the program's
// canonical JSON. Loading recomputes the hash and refuses the file when it
// differs (damaged) or when the format is not this one (incompatible
// compiler).

// ArtifactMagic starts every compiled rulebase.
const ArtifactMagic = "smtpfp-compiled-rulebase\n"

// ArtifactFormat is bumped whenever Program's encoding or meaning changes.
const ArtifactFormat = 1

type artifactHeader struct {
	Format  int    `json:"format"`
	Name    string `json:"name"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// ErrArtifact is wrapped by every artifact loading error.
var ErrArtifact = errors.New("bad compiled rulebase")

// Artifact returns p as a compiled rulebase file.
func (p *Program) Artifact() []byte {
	h, _ := json.Marshal(artifactHeader{ArtifactFormat, p.Name, p.Version, p.Hash()})
	var b bytes.Buffer
	b.WriteString(ArtifactMagic)
	b.Write(h)
	b.WriteByte('\n')
	b.Write(p.canonical())
	b.WriteByte('\n')
	return b.Bytes()
}

// LoadArtifact reads a compiled rulebase written by Artifact.
func LoadArtifact(b []byte) (*Program, error) {
	rest, ok := bytes.CutPrefix(b, []byte(ArtifactMagic))
	if !ok {
		return nil, fmt.Errorf("%w: not a compiled rulebase", ErrArtifact)
	}
	hline, body, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil, fmt.Errorf("%w: truncated", ErrArtifact)
	}
	var h artifactHeader
	hd := json.NewDecoder(bytes.NewReader(hline))
	hd.DisallowUnknownFields()
	if err := hd.Decode(&h); err != nil {
		return nil, fmt.Errorf("%w: bad header: %v", ErrArtifact, err)
	}
	if h.Format != ArtifactFormat {
		return nil, fmt.Errorf("%w: format %d, this smtpfp reads format %d: recompile it", ErrArtifact, h.Format, ArtifactFormat)
	}
	p := &Program{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			return nil, fmt.Errorf("%w: truncated", ErrArtifact)
		}
		return nil, fmt.Errorf("%w: %v", ErrArtifact, err)
	}
	if err := p.Init(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrArtifact, err)
	}
	if p.Hash() != h.Hash {
		return nil, fmt.Errorf("%w: content hash %s does not match header %s (damaged)", ErrArtifact, p.Hash(), h.Hash)
	}
	if p.Name != h.Name || p.Version != h.Version {
		return nil, fmt.Errorf("%w: header names rulebase %q version %q, the program %q version %q (damaged)",
			ErrArtifact, h.Name, h.Version, p.Name, p.Version)
	}
	return p, nil
}
