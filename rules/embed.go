// Package rules holds the rulebases shipped with smtpfp (the *.fp files
// beside this one) and embeds them, so the commands run with no files.
// It has no code of its own beyond the embedding.
package rules

import "embed"

// FS holds every shipped rulebase by file name.
//
//go:embed *.fp
var FS embed.FS

// DefaultName is the rulebase used when no --rules flag is given.
const DefaultName = "smtp.fp"
