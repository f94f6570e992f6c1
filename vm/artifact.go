package vm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
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
	p.writeCanonical(&b)
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
	if err := strictJSON(hline, reflect.TypeFor[artifactHeader]()); err != nil {
		return nil, fmt.Errorf("%w: bad header: %v", ErrArtifact, err)
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
	if err := strictJSON(body, reflect.TypeFor[Program]()); err != nil {
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			return nil, fmt.Errorf("%w: truncated", ErrArtifact)
		}
		return nil, fmt.Errorf("%w: %v", ErrArtifact, err)
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

// strictJSON checks that b is one JSON value of type t, as Artifact
// writes it, before encoding/json decodes it: encoding/json matches keys
// without regard to case and takes the last of duplicate keys, so a
// mutated file ("name" for "Name", a key written twice) could load. Here
// every object has exactly its type's keys, each once, spelled as the
// encoder spells them; nothing follows the value but a newline. Types of
// values are left to the decoder.
func strictJSON(b []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := strictValue(dec, t); err != nil {
		return err
	}
	if rest := b[dec.InputOffset():]; len(bytes.TrimRight(rest, "\n")) > 0 || len(rest) > 1 {
		return fmt.Errorf("data after the JSON value at byte %d", dec.InputOffset())
	}
	return nil
}

func strictValue(dec *json.Decoder, t reflect.Type) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t.Kind() {
	case reflect.Struct:
		if tok != json.Delim('{') {
			return fmt.Errorf("expected an object for %s at byte %d", t.Name(), dec.InputOffset())
		}
		want := map[string]reflect.Type{}
		optional := map[string]bool{} // omitempty: the writer leaves them out when empty
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			tag, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag != "" {
				name = tag
			}
			want[name] = f.Type
			optional[name] = strings.Contains(","+opts+",", ",omitempty,")
		}
		seen := map[string]bool{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := k.(string)
			ft, ok := want[key]
			switch {
			case !ok:
				return fmt.Errorf("unknown field %q in %s", key, t.Name())
			case seen[key]:
				return fmt.Errorf("duplicate field %q in %s", key, t.Name())
			}
			seen[key] = true
			if err := strictValue(dec, ft); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
		for k := range want {
			if !seen[k] && !optional[k] {
				return fmt.Errorf("missing field %q in %s", k, t.Name())
			}
		}
	case reflect.Slice, reflect.Array:
		if tok == nil && t.Kind() == reflect.Slice {
			return nil
		}
		if tok != json.Delim('[') {
			return fmt.Errorf("expected an array for %s at byte %d", t, dec.InputOffset())
		}
		for dec.More() {
			if err := strictValue(dec, t.Elem()); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
	default:
		if d, ok := tok.(json.Delim); ok {
			return fmt.Errorf("unexpected %v for %s at byte %d", d, t, dec.InputOffset())
		}
	}
	return nil
}
