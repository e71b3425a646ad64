package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/lint"
)

// Rules about Classic names (OIE001, OIE002, OIE005, OIE006) report only
// where the file's model ties the code to Okta (jsmodel.Evidence): at their
// severity when the value flows from an Okta source, at info when only the
// name does in a file about Okta, and not at all elsewhere. The same names
// are common in code that has nothing to do with Okta (an AWS credentials
// sessionToken, Express's req.session.token).

// weakNote ends the message of a finding reported on a name alone.
const weakNote = " (info: only the name ties this to Okta here; nothing in the file shows the value comes from the widget or the auth client)"

// evidenceSeverity returns the severity of a finding of severity sev with
// evidence ev, the note its message ends with (weakNote when only a name
// ties it to Okta), and whether it is reported at all.
func evidenceSeverity(ev jsmodel.Evidence, sev lint.Severity) (lint.Severity, string, bool) {
	switch ev {
	case jsmodel.Strong:
		return sev, "", true
	case jsmodel.Weak:
		return lint.Info, weakNote, true
	}
	return 0, "", false
}

// objectEnd returns the last token of the object of the member access
// whose name is token at (`x.name`, `x?.name`, `x['name']`,
// `x?.['name']`), or -1.
func objectEnd(s *script, at int) int {
	switch {
	case jsmodel.IsDot(s, at-1):
		return at - 2
	case s.Is(at-1, "[") && s.Is(at-2, "?."):
		return at - 3
	case s.Is(at-1, "["):
		return at - 2
	}
	return -1
}

// codeText returns the source text of tokens [from, to] of s as written,
// shortened in the middle when long, for quoting in a message.
func codeText(s *script, from, to int) string {
	if from < 0 || to < from || to >= len(s.Tokens) {
		return ""
	}
	// Tokens are joined as written; a line break (and a comment) between
	// two tokens is dropped, so a chain broken over lines reads as one.
	// A long chain (calls with many arguments) is quoted by its ends.
	const ends = 8
	var b strings.Builder
	for k := from; k <= to; k++ {
		if to-from > 4*ends && k == from+ends {
			b.WriteString(" … ")
			k = to - ends
		}
		if k > from && !strings.HasSuffix(b.String(), " … ") {
			gap := s.Code[s.Tokens[k-1].End-s.Start : s.Tokens[k].Start-s.Start]
			if len(gap) > 0 && strings.TrimLeft(string(gap), " \t") == "" {
				b.WriteByte(' ')
			}
		}
		b.Write(s.Bytes(s.Tokens[k]))
	}
	text := b.String()
	const limit = 80
	if len(text) > limit {
		// Cut between characters: a byte offset can fall inside one (a
		// non-ASCII string, the "…" above), and half a character is
		// invalid UTF-8 in every output format.
		head, tail := limit/2, len(text)-limit/2
		for head > 0 && !utf8.RuneStart(text[head]) {
			head--
		}
		for tail < len(text) && !utf8.RuneStart(text[tail]) {
			tail++
		}
		text = text[:head] + "…" + text[tail:]
	}
	return text
}

// chainText quotes the member chain that ends with the access whose name is
// token at, from its root: `req.session.token` as written.
func chainText(s *script, at int) string {
	end := at
	if s.Is(at+1, "]") {
		end = at + 1
	}
	root := at
	if k := objectEnd(s, at); k >= 0 {
		if r := jsmodel.ChainRoot(s, k); r >= 0 {
			root = r
		}
	}
	return codeText(s, root, end)
}

// lazyModel returns a function that gives the file's model, built on the
// first call: most files have no finding of a rule and need no model.
func lazyModel(f *lint.File) func() *jsmodel.Model {
	return func() *jsmodel.Model { return jsmodel.Of(f) }
}

// destructuredFrom returns, for a key of an object pattern that reads a
// value (`const { sessionToken } = tx`, `({ a } = b)`), the evidence of the
// value it reads; ok is false when the key is in no such pattern (an
// object literal, a parameter).
func destructuredFrom(m *jsmodel.Model, s *script, key int) (ev jsmodel.Evidence, ok bool) {
	open := m.Enclosing(s, key)
	if open < 0 || !s.Is(open, "{") {
		return jsmodel.NoEvidence, false
	}
	close := s.Match(open)
	if close <= open || !s.Is(close+1, "=") {
		return jsmodel.NoEvidence, false
	}
	if v, _ := m.ValueExpr(s, close+2); v.Okta() {
		return jsmodel.Strong, true // await authClient.signInWithCredentials(...)
	}
	if end := jsmodel.MemberChainEnd(s, close+2); end > close+2 {
		return m.EvidenceAt(s, end-1), true
	}
	return m.FileEvidence(), true
}
