package rules

import (
	"fmt"
	"github.com/tmpllint/tmpllint/jsmodel"
	"sort"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// completeLogin is what the default template passes to renderEl.
const completeLogin = "OktaUtil.completeLogin"

// callbackKind says what a renderEl success callback is.
type callbackKind uint8

const (
	callbackCompleteLogin callbackKind = iota // OktaUtil.completeLogin itself: fine
	callbackMissing                           // renderEl(options) with no success callback
	callbackForwarder                         // a function that only calls OktaUtil.completeLogin(res)
	callbackFunction                          // an inline function or a named one declared in the page
	callbackUnknown                           // anything else: a name declared elsewhere, a call...
	callbackForwardsAfter                     // a function that ends by forwarding to OktaUtil.completeLogin(res)
)

// successCallback is the second argument of one renderEl call on a hosted
// page, and the fix that replaces it with OktaUtil.completeLogin.
type successCallback struct {
	script *script
	// renderEl is the token index of the renderEl name; open the '('.
	renderEl, open int
	kind           callbackKind
	// arg is the argument's token span (empty when missing); name is set
	// for a callback passed by name.
	arg  span
	name string
	// inline is set when the function's body is inside the argument, so
	// findings in the body go away with the replacement.
	inline bool
	fix    *lint.Fix
	// reach is the furthest argument end of this and every earlier
	// callback: once it is before an offset, no earlier callback encloses it.
	reach int
}

// successCallbacks finds the renderEl calls of a hosted page. OIE003 reports
// them; OIE001 and OIE002 attach the same fix to findings inside an inline
// callback, so one replacement fixes all of them instead of three edits
// fighting over the same bytes.
func successCallbacks(f *lint.File) []successCallback {
	return lint.Cached(f, callbacksKey, findSuccessCallbacks)
}

var callbacksKey = lint.NewKey[[]successCallback]("rules.successCallbacks")

// findSuccessCallbacks does the work of successCallbacks, once per file.
// The callbacks come out in file order.
func findSuccessCallbacks(f *lint.File) []successCallback {
	if !hostedPage(f) {
		return nil
	}
	var out []successCallback
	for _, call := range jsmodel.WidgetsOf(f).RenderEls() {
		s, args := call.S, call.Args
		if s.Match(call.Open) < call.Open {
			continue // unbalanced: the rest of the script is not readable
		}
		cb := successCallback{script: s, renderEl: call.Name, open: call.Open}
		if len(args) < 2 || args[1].Empty() {
			cb.kind = callbackMissing
			if len(args) == 1 && !args[0].Empty() {
				// Insert after the options; a trailing comma, if any,
				// stays valid after the new argument.
				end := s.Tokens[args[0].To-1].End
				cb.fix = &lint.Fix{Message: "pass " + completeLogin + " as the success callback", Safe: true,
					Edits: []lint.Edit{{Start: end, End: end, New: ", " + completeLogin}}}
			}
			out = append(out, cb)
			continue
		}
		cb.arg = args[1]
		classifyCallback(f, &cb)
		out = append(out, cb)
	}
	reach := 0
	for i := range out {
		reach = max(reach, out[i].argEnd())
		out[i].reach = reach
	}
	return out
}

func classifyCallback(f *lint.File, cb *successCallback) {
	s := cb.script
	m := jsmodel.Of(f)
	if isCompleteLogin(f, s, cb.arg) {
		cb.kind = callbackCompleteLogin
		return
	}
	start, end := jsmodel.ByteSpan(s, cb.arg)
	replace := func(safe bool, message string) {
		cb.fix = &lint.Fix{Message: message, Safe: safe, Edits: []lint.Edit{{Start: start, End: end, New: completeLogin}}}
	}
	fnScript, fn, inline, ok := m.FunctionPassed(s, cb.arg)
	cb.inline = inline
	if !inline && cb.arg.To-cb.arg.From == 1 && s.Tokens[cb.arg.From].Kind == jsscan.Ident {
		cb.name = s.Text(s.Tokens[cb.arg.From])
	}
	switch {
	case !ok:
		cb.kind = callbackUnknown
		replace(false, "replace the callback with "+completeLogin+"; review what the callback did, it is dropped")
	case onlyForwards(m, fnScript, fn):
		cb.kind = callbackForwarder
		replace(true, "replace the callback with "+completeLogin+", which it only forwards to")
	case onlyClassicRedirect(m, fnScript, fn):
		cb.kind = callbackFunction
		replace(true, "replace the Classic redirect callback with "+completeLogin)
	case forwardsAfter(m, fnScript, fn):
		// It completes sign-in: nothing to fix, and its own code stays.
		cb.kind = callbackForwardsAfter
		return
	default:
		cb.kind = callbackFunction
		replace(false, "replace the callback with "+completeLogin+"; its other code (not a Classic redirect) is dropped, move what still matters to a widget hook")
	}
	if ok && cb.name != "" {
		removeNamedCallback(f, cb, start, end)
	}
}

// removeNamedCallback extends the fix of a callback passed by name: the
// function goes too when nothing else uses it, so that its Classic code
// does not stay behind (and keep OIE001 and OIE002 reporting); when
// something does, the message says where.
func removeNamedCallback(f *lint.File, cb *successCallback, argStart, argEnd int) {
	d, ok := jsmodel.Of(f).FunctionNamed(cb.name)
	if !ok {
		return
	}
	if use := otherUse(f, cb.name, d, cb.script, cb.arg.From); use >= 0 {
		cb.fix.Message += fmt.Sprintf("; the function %s stays, as line %d still uses it", cb.name, f.Line(use))
		return
	}
	if d.Decl.Empty() {
		return
	}
	ds, de := jsmodel.ByteSpan(d.S, d.Decl)
	if ds <= argStart && argEnd <= de {
		return // the renderEl call is inside the function itself
	}
	edit, ok := removeLines(f, d.S, ds, de)
	if !ok {
		edit = lint.Edit{Start: ds, End: de}
	}
	cb.fix.Edits = append(cb.fix.Edits, edit)
	sort.Slice(cb.fix.Edits, func(i, j int) bool { return cb.fix.Edits[i].Start < cb.fix.Edits[j].Start })
	cb.fix.Message += "; the function " + cb.name + ", which nothing else uses, is removed"
}

// otherUse returns the offset of a use of name other than the function's
// own name and the callback argument at token arg of s, or -1. Property
// names and object keys are not uses.
func otherUse(f *lint.File, name string, d jsmodel.Declared, s *script, arg int) int {
	for _, sc := range f.Doc.Scripts {
		for i, t := range sc.Tokens {
			if !jsmodel.IsName(sc, i, name) || jsmodel.IsProperty(sc, i) || sc == d.S && i == d.Name || sc == s && i == arg {
				continue
			}
			if sc.Is(i+1, ":") && (sc.Is(i-1, "{") || sc.Is(i-1, ",")) {
				continue
			}
			return t.Start
		}
	}
	return -1
}

// enclosingCallback returns the inline success callback whose argument
// contains the byte range [start, end), or nil. Callbacks are in file
// order, so a binary search finds the last one starting at or before start;
// the walk back stops where no earlier callback reaches the range.
func enclosingCallback(cbs []successCallback, start, end int) *successCallback {
	i := sort.Search(len(cbs), func(i int) bool { return cbs[i].argStart() > start }) - 1
	for ; i >= 0; i-- {
		cb := &cbs[i]
		if !cb.inline || cb.fix == nil {
			continue
		}
		from, to := jsmodel.ByteSpan(cb.script, cb.arg)
		if from <= start && end <= to {
			return cb
		}
		if cb.reach <= start {
			return nil // no callback up to here reaches start
		}
	}
	return nil
}

// argStart and argEnd are the callback argument's byte range; a missing
// argument sits at the renderEl call.
func (cb *successCallback) argStart() int {
	if cb.arg.Empty() {
		return cb.script.Tokens[cb.renderEl].Start
	}
	return cb.script.Tokens[cb.arg.From].Start
}

func (cb *successCallback) argEnd() int {
	if cb.arg.Empty() {
		return cb.script.Tokens[cb.open].End
	}
	return cb.script.Tokens[cb.arg.To-1].End
}

// reportInCallback reports a finding and, when it lies inside an inline
// renderEl success callback, gives it that callback's fix.
func reportInCallback(pass *lint.Pass, cbs []successCallback, d lint.Diagnostic) {
	if cb := enclosingCallback(cbs, d.Start, d.End); cb != nil {
		d.Fixes = []lint.Fix{*cb.fix}
	}
	pass.Report(d)
}

// onlyClassicRedirect reports whether a success callback does nothing but
// the Classic redirect, which cannot work on Identity Engine: so replacing
// it with OktaUtil.completeLogin loses nothing. Allowed statements:
//
//	if (<checks of res.status / res.type>) { ... } else { ... }
//	<anything>.setCookieAndRedirect(...)
//	[window.|document.]location[.href] = <URL built from strings, names, res.session.token>
//	[window.]location.assign(...) / .replace(...)
//	var url = <URL>; OktaUtil.completeLogin(res); return;
func onlyClassicRedirect(m *jsmodel.Model, s *script, fn jsmodel.Function) bool {
	if fn.Params.Empty() {
		return false
	}
	if fn.Expression {
		return classicStatement(m, s, fn.Body)
	}
	return classicBlock(m, s, fn.Body)
}

// classicBlock checks a run of statements.
func classicBlock(m *jsmodel.Model, s *script, sp span) bool {
	i := sp.From
	for i < sp.To {
		if s.Is(i, ";") {
			i++
			continue
		}
		if s.Is(i, "{") {
			close := s.Match(i)
			if close < 0 || close >= sp.To || !classicBlock(m, s, span{From: i + 1, To: close}) {
				return false
			}
			i = close + 1
			continue
		}
		if s.Is(i, "if") {
			next, ok := classicIf(m, s, i, sp.To)
			if !ok {
				return false
			}
			i = next
			continue
		}
		end := statementEnd(s, i, sp.To)
		if !classicStatement(m, s, span{From: i, To: end}) {
			return false
		}
		i = end
	}
	return true
}

// classicIf checks `if (cond) stmt [else stmt]` starting at token i and
// returns the index after it.
func classicIf(m *jsmodel.Model, s *script, i, limit int) (int, bool) {
	if !s.Is(i+1, "(") {
		return 0, false
	}
	close := s.Match(i + 1)
	if close < 0 || close >= limit || !statusCheck(s, span{From: i + 2, To: close}) {
		return 0, false
	}
	next, ok := classicBranch(m, s, close+1, limit)
	if !ok {
		return 0, false
	}
	if s.Is(next, "else") {
		if s.Is(next+1, "if") {
			return classicIf(m, s, next+1, limit)
		}
		return classicBranch(m, s, next+1, limit)
	}
	return next, true
}

func classicBranch(m *jsmodel.Model, s *script, i, limit int) (int, bool) {
	if s.Is(i, "{") {
		close := s.Match(i)
		if close < 0 || close >= limit {
			return 0, false
		}
		return close + 1, classicBlock(m, s, span{From: i + 1, To: close})
	}
	if s.Is(i, "if") {
		return classicIf(m, s, i, limit)
	}
	end := statementEnd(s, i, limit)
	return end, end > i && classicStatement(m, s, span{From: i, To: end})
}

// statusCheck accepts conditions that only test the Classic response:
// res.status === 'SUCCESS', res.type == "SESSION_SSO", combined with && || !.
func statusCheck(s *script, sp span) bool {
	for i := sp.From; i < sp.To; i++ {
		t := s.Tokens[i]
		switch t.Kind {
		case jsscan.String, jsscan.Ident:
		case jsscan.Punct:
			switch s.Text(t) {
			case ".", "?.", "===", "==", "!==", "!=", "&&", "||", "!", "(", ")":
			default:
				return false
			}
		default:
			return false
		}
		if t.Kind == jsscan.Ident && jsmodel.IsProperty(s, i) && !jsmodel.IsName(s, i, "status") && !jsmodel.IsName(s, i, "type") && !jsmodel.IsName(s, i, "session") {
			return false
		}
	}
	return true
}

// statementEnd returns the index after the statement starting at i: past
// its ';', or at a line break that ends it, or at limit.
func statementEnd(s *script, i, limit int) int {
	for j := i; j < limit; j++ {
		if m := s.Match(j); m > j {
			j = m
			continue
		}
		if s.Is(j, ";") {
			return j + 1
		}
		if j > i && s.Tokens[j].NewlineBefore && !jsmodel.ContinuesExpression(s, j) {
			return j
		}
	}
	return limit
}

// classicStatement accepts one statement of a Classic redirect callback.
func classicStatement(m *jsmodel.Model, s *script, sp span) bool {
	if sp.To > sp.From && s.Is(sp.To-1, ";") {
		sp.To--
	}
	if sp.Empty() {
		return true
	}
	if s.Is(sp.From, "return") {
		return sp.To == sp.From+1
	}
	// A call: <callee>(args), the whole statement.
	if s.Is(sp.To-1, ")") {
		open := s.Match(sp.To - 1)
		if open > sp.From {
			callee := span{From: sp.From, To: open}
			last := callee.To - 1
			switch {
			case jsmodel.IsName(s, last, "setCookieAndRedirect"):
				return true
			case m.IsCompleteLogin(s, callee):
				return true
			case (jsmodel.IsName(s, last, "assign") || jsmodel.IsName(s, last, "replace")) && jsmodel.IsDot(s, last-1) && isLocation(s, span{From: callee.From, To: last - 1}):
				return urlExpression(s, span{From: open + 1, To: sp.To - 1})
			}
		}
	}
	// var url = <URL>, read by a later redirect.
	if (s.Is(sp.From, "var") || s.Is(sp.From, "let") || s.Is(sp.From, "const")) && s.Is(sp.From+2, "=") {
		return sp.From+1 < sp.To && s.Tokens[sp.From+1].Kind == jsscan.Ident && urlExpression(s, span{From: sp.From + 3, To: sp.To})
	}
	// An assignment to the location.
	for i := sp.From; i < sp.To; i++ {
		if s.Is(i, "=") {
			return isLocation(s, span{From: sp.From, To: i}) && urlExpression(s, span{From: i + 1, To: sp.To})
		}
	}
	return false
}

// isLocation accepts location, window.location, document.location and
// their .href.
func isLocation(s *script, sp span) bool {
	i, to := sp.From, sp.To
	if to-i >= 2 && jsmodel.IsName(s, to-1, "href") && jsmodel.IsDot(s, to-2) {
		to -= 2
	}
	if to-i == 3 && (jsmodel.IsName(s, i, "window") || jsmodel.IsName(s, i, "document")) && jsmodel.IsDot(s, i+1) {
		i += 2
	}
	return to-i == 1 && jsmodel.IsName(s, i, "location")
}

// urlExpression accepts a URL built from strings, names, property reads,
// fallbacks (a || 'default') and URI encoding: no other calls, no
// assignments.
func urlExpression(s *script, sp span) bool {
	if sp.Empty() {
		return false
	}
	for i := sp.From; i < sp.To; i++ {
		t := s.Tokens[i]
		switch t.Kind {
		case jsscan.String, jsscan.Template, jsscan.TemplateHead, jsscan.TemplateMiddle, jsscan.TemplateTail, jsscan.Ident, jsscan.Number:
			if t.Kind == jsscan.Ident && s.Is(i+1, "(") && !jsmodel.IsName(s, i, "encodeURIComponent") && !jsmodel.IsName(s, i, "encodeURI") {
				return false
			}
		case jsscan.Punct:
			switch s.Text(t) {
			case "+", ".", "?.", "(", ")", "[", "]", "||", "??":
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}
