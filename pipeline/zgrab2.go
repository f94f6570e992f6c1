package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// DialogueZGrab2 marks a record made from a line of ZGrab2's SMTP module
// output ({"ip","domain","data":{"smtp":{"status","result":{"banner",
// "ehlo","helo","help","starttls","quit"},"timestamp","error"}}}). Its
// replies are lossy: ZGrab2 writes them as JSON strings, so invalid
// UTF-8 became U+FFFD; it sends no MAIL or VRFY, so a rule that needs
// those replies does not hold; and its output does not say the port.
const DialogueZGrab2 = "zgrab2/smtp"

// isZGrab2 tells a ZGrab2 line from an archive record by its first key.
func isZGrab2(line []byte) bool {
	line = bytes.TrimLeft(line, " \t")
	return bytes.HasPrefix(line, []byte(`{"ip":`)) || bytes.HasPrefix(line, []byte(`{"domain":`))
}

type zgrab2Line struct {
	IP     string                  `json:"ip"`
	Domain string                  `json:"domain"`
	Data   map[string]zgrab2Module `json:"data"`
}

type zgrab2Module struct {
	Status    string `json:"status"`
	Protocol  string `json:"protocol"`
	Timestamp string `json:"timestamp"`
	Error     string `json:"error"`
	Result    *struct {
		Banner   string `json:"banner"`
		EHLO     string `json:"ehlo"`
		HELO     string `json:"helo"`
		HELP     string `json:"help"`
		StartTLS string `json:"starttls"`
		QUIT     string `json:"quit"`
	} `json:"result"`
}

// fromZGrab2 maps a ZGrab2 line onto the dialogue's steps, in the order
// ZGrab2 sends its commands.
func fromZGrab2(line []byte, rec *transcript.Record) error {
	var z zgrab2Line
	if err := json.Unmarshal(line, &z); err != nil {
		return err
	}
	m, ok := z.Data["smtp"]
	if !ok {
		for _, v := range z.Data {
			if v.Protocol == "smtp" {
				m, ok = v, true
				break
			}
		}
	}
	if !ok {
		return errors.New(`ZGrab2 line without an SMTP result ("data":{"smtp":...})`)
	}
	*rec = transcript.Record{Addr: z.IP, Dialogue: DialogueZGrab2}
	if rec.Addr == "" {
		rec.Addr = z.Domain
	}
	if t, err := time.Parse(time.RFC3339Nano, m.Timestamp); err == nil {
		rec.Time = t.UTC()
	}
	if r := m.Result; r != nil {
		for _, s := range []struct{ cmd, reply string }{
			{"", r.Banner}, {"EHLO", r.EHLO}, {"HELO", r.HELO}, {"HELP", r.HELP}, {"STARTTLS", r.StartTLS}, {"QUIT", r.QUIT},
		} {
			if s.reply != "" {
				rec.Steps = append(rec.Steps, transcript.Step{Cmd: s.cmd, Reply: []byte(s.reply)})
			}
		}
	}
	if len(rec.Steps) > 0 && rec.Steps[0].Cmd == "" {
		rec.Code = transcript.ReplyCode(rec.Steps[0].Reply)
		rec.Outcome = transcript.Greeted
		if rec.Code/100 != 2 && rec.Code != 554 {
			rec.Outcome = transcript.Rejected
		}
		if m.Status != "success" {
			rec.Error = m.Error
		}
		return nil
	}
	rec.Steps = nil
	switch {
	case m.Status == "connection-refused" || strings.Contains(m.Error, "connection refused"):
		rec.Outcome = transcript.Refused
	case m.Status == "connection-timeout" || m.Status == "io-timeout":
		rec.Outcome = transcript.TimedOut
	case m.Status == "connection-closed":
		rec.Outcome = transcript.Dropped
	case strings.Contains(m.Error, "connection reset"):
		rec.Outcome = transcript.Reset
	default:
		rec.Outcome, rec.Error = transcript.Failed, m.Error
		if rec.Error == "" {
			rec.Error = "zgrab2: " + m.Status
		}
	}
	return nil
}
