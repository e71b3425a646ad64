package lint

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
)

// Suppression comments ("inline config") switch rules off for a line, the
// next line or a range of a template, in every comment syntax a template
// has: HTML comments, JavaScript comments inside scripts and Mustache
// comments.
//
//	<!-- tmpllint-disable-next-line OIE003 -- reason -->
//	res.session.setCookieAndRedirect(url); // tmpllint-disable-line OIE001 -- reason
//	{{! tmpllint-disable-next-line no-session-token -- reason }}
//	{{!-- tmpllint-disable-next-line OIE001 -- reason --}}
//	<%# tmpllint-disable-next-line OIE001 -- reason %>
//	/* tmpllint-disable OIE002 -- reason */ ... /* tmpllint-enable OIE002 */
//
// The grammar is "tmpllint-KIND RULES -- REASON": RULES are rule IDs or
// names (or all), separated by commas or spaces; the reason is required for
// the disable kinds, as staticcheck requires one. Only the start of a
// diagnostic counts: it is suppressed when its start line is covered
// (disable-line: every line the comment touches; disable-next-line: the line
// after the comment's last line), or when it starts inside a range (from a
// tmpllint-disable comment to the next tmpllint-enable naming the same rule,
// or to the end of the file).
//
// Problems with the comments themselves (no reason, unknown rule, a
// suppression that suppresses nothing) are reported as diagnostics of the
// rule DirectiveRuleID when it is among the rules run; they cannot be
// suppressed. Suppression works whether or not that rule is run.

// DirectiveRuleID is the ID of the rule under which the engine reports
// problems with suppression comments. Package rules defines the rule (its
// documentation and default severity); the engine does its work, since it
// spans every other rule.
const DirectiveRuleID = "TPL900"

type directiveKind uint8

const (
	disableRange directiveKind = iota + 1
	enableRange
	disableLine
	disableNextLine
)

var directiveKinds = map[string]directiveKind{
	"tmpllint-disable":           disableRange,
	"tmpllint-enable":            enableRange,
	"tmpllint-disable-line":      disableLine,
	"tmpllint-disable-next-line": disableNextLine,
}

// directive is one suppression comment.
type directive struct {
	kind    directiveKind
	keyword string      // tmpllint-disable-line, ...
	comment jsscan.Span // the whole comment, delimiters included
	// rules is the text between the keyword and the reason; items are its
	// entries, in order.
	items []directiveItem
	// reason is the text after " -- ", trimmed; hasReason is set when the
	// separator is there.
	reason    string
	hasReason bool
}

// directiveItem is one entry of a directive's rule list.
type directiveItem struct {
	text string
	span jsscan.Span
	all  bool  // the item is "all"
	rule *Rule // the rule named; nil for all and for unknown names
}

// key is what the item suppresses: a rule ID, or "" for all.
func (it *directiveItem) key() string {
	if it.all {
		return ""
	}
	return it.rule.ID
}

// scopeEntry is one rule of one directive, in force over some lines or a
// range; used is set when it suppressed a diagnostic.
type scopeEntry struct {
	d    *directive
	item *directiveItem
	used bool
	// from and to are the covered lines (disable-line, disable-next-line) or
	// the covered byte range [from, to) (tmpllint-disable).
	from, to int
}

// lineKey identifies the entries of one rule (or of all, rule "") on one line.
type lineKey struct {
	line int
	rule string
}

type lineGroup struct {
	entries []*scopeEntry
	used    bool
}

// findDirectives returns the suppression comments of a file in order. A
// directive must start the comment's text (after white space); text inside
// strings, attribute values and other non-comments never counts, since
// only jsscan's comment spans are read.
func findDirectives(f *File) []*directive {
	src := f.Content
	var mustacheComments []jsscan.Span
	var found []*directive
	add := func(comment jsscan.Span, bodyStart, bodyEnd int) {
		if d := parseDirective(src, comment, bodyStart, bodyEnd); d != nil {
			found = append(found, d)
		}
	}
	for _, t := range f.Doc.Mustache {
		if t.Kind != jsscan.MustacheComment || t.Unclosed {
			continue
		}
		mustacheComments = append(mustacheComments, t.Span)
		bang := t.Start + bytes.IndexByte(src[t.Start:t.End], '!')
		bodyStart, bodyEnd := bang+1, t.End-2
		// A Handlebars block comment, {{!-- --}}: the dashes are delimiters.
		if raw := src[bodyStart:t.End]; bytes.HasPrefix(raw, []byte("--")) && bytes.HasSuffix(raw, []byte("--}}")) && len(raw) >= len("----}}") {
			bodyStart, bodyEnd = bodyStart+2, t.End-len("--}}")
		}
		add(t.Span, bodyStart, bodyEnd)
	}
	// EJS comment tags, <%# %> (closed by %>, -%> or _%>), in EJS files.
	for _, t := range f.Doc.ServerTags {
		raw := src[t.Start:t.End]
		if t.Kind != jsscan.ServerEJS || t.Unclosed || !bytes.HasPrefix(raw, []byte("<%#")) || len(raw) < len("<%#%>") {
			continue
		}
		mustacheComments = append(mustacheComments, t.Span)
		end := t.End - 2
		if c := src[end-1]; end-1 >= t.Start+3 && (c == '-' || c == '_') {
			end--
		}
		add(t.Span, t.Start+3, end)
	}
	sort.Slice(mustacheComments, func(i, j int) bool { return mustacheComments[i].Start < mustacheComments[j].Start })
	// An HTML or JavaScript comment inside a Mustache or EJS comment never
	// reaches the browser and is part of that comment's text, not a comment
	// itself.
	insideMustache := func(s jsscan.Span) bool {
		i := sort.Search(len(mustacheComments), func(i int) bool { return mustacheComments[i].End > s.Start })
		return i < len(mustacheComments) && mustacheComments[i].Start <= s.Start && s.End <= mustacheComments[i].End
	}
	for _, c := range f.Doc.Comments {
		raw := src[c.Start:c.End]
		if !bytes.HasPrefix(raw, []byte("<!--")) || len(raw) <= len("<!--->") || insideMustache(c) {
			continue // a bogus comment (<!x>, <?x>) or an empty one
		}
		end := c.End
		switch {
		case bytes.HasSuffix(raw, []byte("--!>")) && len(raw) >= len("<!----!>"):
			end -= len("--!>")
		case bytes.HasSuffix(raw, []byte("-->")) && len(raw) >= len("<!---->"):
			end -= len("-->")
		}
		add(c, c.Start+len("<!--"), end)
	}
	for _, s := range f.Doc.Scripts {
		for _, c := range s.Comments {
			if insideMustache(c) {
				continue
			}
			raw := src[c.Start:c.End]
			switch {
			case bytes.HasPrefix(raw, []byte("//")):
				add(c, c.Start+2, c.End)
			case bytes.HasPrefix(raw, []byte("/*")):
				end := c.End
				if len(raw) >= 4 && bytes.HasSuffix(raw, []byte("*/")) {
					end -= 2
				}
				add(c, c.Start+2, end)
			case bytes.HasPrefix(raw, []byte("<!--")): // HTML-like comments in scripts
				add(c, c.Start+4, c.End)
			case bytes.HasPrefix(raw, []byte("-->")):
				add(c, c.Start+3, c.End)
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].comment.Start < found[j].comment.Start })
	return found
}

// parseDirective reads the comment text src[bodyStart:bodyEnd]. It returns
// nil when the text is not a directive: it must start with
// tmpllint-disable or tmpllint-enable. A keyword that starts so but is none
// of the four kinds is returned with kind 0 and reported.
func parseDirective(src []byte, comment jsscan.Span, bodyStart, bodyEnd int) *directive {
	if bodyStart > bodyEnd {
		return nil
	}
	i := bodyStart
	for i < bodyEnd && isSpace(src[i]) {
		i++
	}
	if !bytes.HasPrefix(src[i:bodyEnd], []byte("tmpllint-disable")) && !bytes.HasPrefix(src[i:bodyEnd], []byte("tmpllint-enable")) {
		return nil
	}
	k := i
	for k < bodyEnd && !isSpace(src[k]) {
		k++
	}
	d := &directive{keyword: string(src[i:k]), comment: comment, kind: directiveKinds[string(src[i:k])]}
	if d.kind == 0 {
		return d
	}
	// The rule list runs to the reason separator: two or more dashes with
	// white space (or the end) on both sides, as ESLint reads it.
	listEnd := bodyEnd
	for j := k; j < bodyEnd; j++ {
		if src[j] != '-' || !isSpace(src[j-1]) {
			continue
		}
		e := j
		for e < bodyEnd && src[e] == '-' {
			e++
		}
		if e-j >= 2 && (e == bodyEnd || isSpace(src[e])) {
			listEnd = j
			d.hasReason = true
			d.reason = string(bytes.TrimSpace(src[e:bodyEnd]))
			break
		}
		j = e
	}
	for j := k; j < listEnd; {
		for j < listEnd && (isSpace(src[j]) || src[j] == ',') {
			j++
		}
		start := j
		for j < listEnd && !isSpace(src[j]) && src[j] != ',' {
			j++
		}
		if j > start {
			d.items = append(d.items, directiveItem{text: string(src[start:j]), span: jsscan.Span{Start: start, End: j}})
		}
	}
	return d
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// applyDirectives removes the diagnostics that suppression comments cover
// and adds the diagnostics about the comments themselves (when the
// DirectiveRuleID rule is run). It also keeps fixes from rewriting what a
// comment protects: a fix whose edits touch a suppression comment or the
// span of a suppressed diagnostic is dropped from its diagnostic, which then
// stays reported without a fix (its message says why), in check as in fix.
func applyDirectives(f *File, rules []*Rule, known []*Rule, diags []Diagnostic) []Diagnostic {
	directives := findDirectives(f)
	if len(directives) == 0 {
		return diags
	}
	var reporter *Rule
	active := map[string]bool{}
	for _, r := range rules {
		if r.ID == DirectiveRuleID {
			reporter = r
		} else {
			active[r.ID] = true
		}
	}
	var problems []Diagnostic
	problem := func(span jsscan.Span, format string, args ...any) {
		problems = append(problems, Diagnostic{Start: span.Start, End: span.End, Message: fmt.Sprintf(format, args...)})
	}

	lineGroups := map[lineKey]*lineGroup{}
	ranges := map[string][]*scopeEntry{} // per rule ID ("" for all), in order, disjoint
	open := map[string]*scopeEntry{}
	var entries []*scopeEntry
	endOfFile := len(f.Content) + 1
	for _, d := range directives {
		if d.kind == 0 {
			problem(d.comment, "unknown directive %q; use tmpllint-disable-next-line, tmpllint-disable-line, tmpllint-disable or tmpllint-enable", d.keyword)
			continue
		}
		resolveItems(d, rules, known, problem)
		if len(d.items) == 0 {
			problem(d.comment, "%s names no rule, so it does nothing; list rule IDs or names, or all", d.keyword)
			continue
		}
		if d.kind == enableRange {
			closeRanges(d, open, problem)
			continue
		}
		if !d.hasReason || d.reason == "" {
			problem(d.comment, "suppression comment without a reason, so it suppresses nothing; add one after the rules: %s %s -- why", d.keyword, itemList(d))
			continue
		}
		first, last := f.Line(d.comment.Start), f.Line(d.comment.End-1)
		seen := map[string]bool{}
		for i := range d.items {
			it := &d.items[i]
			if (!it.all && it.rule == nil) || seen[it.key()] {
				continue // unknown (reported) or listed twice
			}
			seen[it.key()] = true
			e := &scopeEntry{d: d, item: it}
			switch d.kind {
			case disableLine, disableNextLine:
				e.from, e.to = first, last
				if d.kind == disableNextLine {
					e.from, e.to = last+1, last+1
				}
				for line := e.from; line <= e.to; line++ {
					k := lineKey{line, it.key()}
					g := lineGroups[k]
					if g == nil {
						g = &lineGroup{}
						lineGroups[k] = g
					}
					g.entries = append(g.entries, e)
				}
			case disableRange:
				if prev := open[it.key()]; prev != nil {
					problem(it.span, "%s is already disabled by the tmpllint-disable on line %d; remove it here", it.text, f.Line(prev.d.comment.Start))
					continue
				}
				e.from, e.to = d.comment.Start, endOfFile
				open[it.key()] = e
				ranges[it.key()] = append(ranges[it.key()], e)
			}
			entries = append(entries, e)
		}
	}

	// Suppress: a diagnostic's start line (or start offset, for ranges) must
	// be covered by an entry for its rule or for all.
	suppressed := make([]bool, len(diags))
	var protected []jsscan.Span
	for _, d := range directives {
		protected = append(protected, d.comment)
	}
	for i := range diags {
		dg := &diags[i]
		if dg.Rule.ID == DirectiveRuleID {
			continue
		}
		line := f.Line(dg.Start)
		for _, key := range [2]string{dg.Rule.ID, ""} {
			if g := lineGroups[lineKey{line, key}]; g != nil {
				suppressed[i] = true
				if !g.used {
					g.used = true
					for _, e := range g.entries {
						e.used = true
					}
				}
			}
			if e := rangeAt(ranges[key], dg.Start); e != nil {
				suppressed[i] = true
				e.used = true
			}
		}
		if suppressed[i] {
			protected = append(protected, jsscan.Span{Start: dg.Start, End: max(dg.End, dg.Start+1)})
		}
	}
	kept := diags[:0:0]
	guard := newSpanSet(protected)
	for i := range diags {
		if suppressed[i] {
			continue
		}
		d := diags[i]
		if len(d.Fixes) > 0 {
			var fixes []Fix
			for _, fx := range d.Fixes {
				if !guard.touchedBy(fx.Edits) {
					fixes = append(fixes, fx)
				}
			}
			if len(fixes) == 0 {
				d.Message += " (not fixed automatically: the fix would rewrite a tmpllint-disable comment or code it suppresses)"
			}
			d.Fixes = fixes
		}
		kept = append(kept, d)
	}

	if reporter == nil {
		return kept
	}
	reportUnused(f, entries, active, problem)
	for _, p := range problems {
		p.Rule, p.Severity = reporter, reporter.Severity
		kept = append(kept, p)
	}
	return kept
}

// resolveItems finds the rule each item names, by ID or name, ignoring
// case, among the rules run and the known ones; it reports unknown names and
// the directive rule, which cannot be suppressed.
func resolveItems(d *directive, rules, known []*Rule, problem func(jsscan.Span, string, ...any)) {
	for i := range d.items {
		it := &d.items[i]
		if strings.EqualFold(it.text, "all") {
			it.all = true
			continue
		}
		it.rule = FindRule(rules, it.text)
		if it.rule == nil {
			it.rule = FindRule(known, it.text)
		}
		switch {
		case it.rule == nil:
			problem(it.span, "unknown rule %q in %s; see tmpllint rules", it.text, d.keyword)
		case it.rule.ID == DirectiveRuleID:
			it.rule = nil
			problem(it.span, "%s reports suppression comments and cannot be suppressed by one; use --ignore %s or --no-inline-config", DirectiveRuleID, DirectiveRuleID)
		}
	}
}

// closeRanges ends the ranges a tmpllint-enable names; all ends every open
// range.
func closeRanges(d *directive, open map[string]*scopeEntry, problem func(jsscan.Span, string, ...any)) {
	for i := range d.items {
		it := &d.items[i]
		switch {
		case it.all:
			if len(open) == 0 {
				problem(it.span, "tmpllint-enable all: no tmpllint-disable is in force here; remove it")
			}
			for k, e := range open {
				e.to = d.comment.Start
				delete(open, k)
			}
		case it.rule != nil:
			if e := open[it.rule.ID]; e != nil {
				e.to = d.comment.Start
				delete(open, it.rule.ID)
				continue
			}
			if open[""] != nil {
				problem(it.span, "tmpllint-enable %s: no tmpllint-disable %s is in force here (a tmpllint-disable all is, until tmpllint-enable all); remove it", it.text, it.text)
			} else {
				problem(it.span, "tmpllint-enable %s: no tmpllint-disable %s is in force here; remove it", it.text, it.text)
			}
		}
	}
}

// rangeAt returns the range entry of a sorted, disjoint list that holds
// offset, or nil.
func rangeAt(list []*scopeEntry, offset int) *scopeEntry {
	i := sort.Search(len(list), func(i int) bool { return list[i].to > offset })
	if i < len(list) && list[i].from <= offset {
		return list[i]
	}
	return nil
}

// reportUnused reports entries that suppressed nothing, like staticcheck's
// "this linter directive didn't match anything". An entry for a rule that
// is not run could have matched, so it is not reported.
func reportUnused(f *File, entries []*scopeEntry, active map[string]bool, problem func(jsscan.Span, string, ...any)) {
	for i := 0; i < len(entries); {
		d := entries[i].d
		j := i
		for j < len(entries) && entries[j].d == d {
			j++
		}
		group := entries[i:j]
		i = j
		var unused []*scopeEntry
		undecided := false
		for _, e := range group {
			switch {
			case e.used:
			case e.item.all && len(active) > 0, !e.item.all && active[e.item.rule.ID]:
				unused = append(unused, e)
			default:
				undecided = true
			}
		}
		if len(unused) == 0 {
			continue
		}
		where := scopeText(f, unused[0])
		if len(unused) == len(group) && !undecided {
			var names []string
			for _, e := range unused {
				names = append(names, e.item.text)
			}
			what := strings.Join(names, " or ") + " finding"
			if unused[0].item.all {
				what = "finding"
			}
			problem(d.comment, "unused suppression: no %s %s; remove it", what, where)
			continue
		}
		for _, e := range unused {
			problem(e.item.span, "unused suppression of %s: no %s finding %s; remove %s from the list", e.item.text, e.item.text, where, e.item.text)
		}
	}
}

// scopeText says where an entry applies, for messages.
func scopeText(f *File, e *scopeEntry) string {
	switch e.d.kind {
	case disableRange:
		from := f.Line(e.from)
		if e.to > len(f.Content) {
			return fmt.Sprintf("from line %d to the end of the file", from)
		}
		return fmt.Sprintf("from line %d to the tmpllint-enable on line %d", from, f.Line(e.to))
	case disableNextLine:
		return fmt.Sprintf("starts on the next line (%d)", e.from)
	}
	if e.from == e.to {
		return fmt.Sprintf("starts on this line (%d)", e.from)
	}
	return fmt.Sprintf("starts on lines %d-%d", e.from, e.to)
}

// itemList is the directive's rule list as written, for messages.
func itemList(d *directive) string {
	names := make([]string, len(d.items))
	for i, it := range d.items {
		names[i] = it.text
	}
	return strings.Join(names, ",")
}
