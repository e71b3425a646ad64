package rules

import (
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
	return f.Memo(callbacksKey{}, func() any { return findSuccessCallbacks(f) }).([]successCallback)
}

type callbacksKey struct{}

// findSuccessCallbacks does the work of successCallbacks, once per file.
// The callbacks come out in file order.
func findSuccessCallbacks(f *lint.File) []successCallback {
	if !hostedPage(f) {
		return nil
	}
	var out []successCallback
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			next, at, ok := propertyAt(s, i, "renderEl")
			if !ok || !s.Is(next, "(") {
				continue
			}
			args, ok := callArgs(s, next)
			if !ok {
				continue // unbalanced: the rest of the script is not readable
			}
			cb := successCallback{script: s, renderEl: at, open: next}
			if len(args) < 2 || args[1].empty() {
				cb.kind = callbackMissing
				if len(args) == 1 && !args[0].empty() {
					// Insert after the options; a trailing comma, if any,
					// stays valid after the new argument.
					end := s.Tokens[args[0].to-1].End
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
	if isCompleteLogin(s, cb.arg) {
		cb.kind = callbackCompleteLogin
		return
	}
	start, end := byteSpan(s, cb.arg)
	replace := func(safe bool, message string) {
		cb.fix = &lint.Fix{Message: message, Safe: safe, Edits: []lint.Edit{{Start: start, End: end, New: completeLogin}}}
	}
	fnScript := s
	fn, ok := functionAt(s, cb.arg)
	cb.inline = ok
	if !ok && cb.arg.to-cb.arg.from == 1 && s.Tokens[cb.arg.from].Kind == jsscan.Ident {
		cb.name = s.Text(s.Tokens[cb.arg.from])
		var d declared
		d, ok = declaredFunctions(f)[cb.name]
		fnScript, fn = d.script, d.fn
	}
	switch {
	case !ok:
		cb.kind = callbackUnknown
		replace(false, "replace the callback with "+completeLogin+"; review what the callback did, it is dropped")
	case onlyForwards(fnScript, fn):
		cb.kind = callbackForwarder
		replace(true, "replace the callback with "+completeLogin+", which it only forwards to")
	case onlyClassicRedirect(fnScript, fn):
		cb.kind = callbackFunction
		replace(true, "replace the Classic redirect callback with "+completeLogin)
	default:
		cb.kind = callbackFunction
		replace(false, "replace the callback with "+completeLogin+"; its other code (not a Classic redirect) is dropped, move what still matters to a widget hook")
	}
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
		from, to := byteSpan(cb.script, cb.arg)
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
	if cb.arg.empty() {
		return cb.script.Tokens[cb.renderEl].Start
	}
	return cb.script.Tokens[cb.arg.from].Start
}

func (cb *successCallback) argEnd() int {
	if cb.arg.empty() {
		return cb.script.Tokens[cb.open].End
	}
	return cb.script.Tokens[cb.arg.to-1].End
}

// reportInCallback reports a finding and, when it lies inside an inline
// renderEl success callback, gives it that callback's fix.
func reportInCallback(pass *lint.Pass, cbs []successCallback, start, end int, message string) {
	d := lint.Diagnostic{Start: start, End: end, Message: message}
	if cb := enclosingCallback(cbs, start, end); cb != nil {
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
func onlyClassicRedirect(s *script, fn function) bool {
	if fn.params.empty() {
		return false
	}
	if fn.expression {
		return classicStatement(s, fn.body)
	}
	return classicBlock(s, fn.body)
}

// classicBlock checks a run of statements.
func classicBlock(s *script, sp span) bool {
	i := sp.from
	for i < sp.to {
		if s.Is(i, ";") {
			i++
			continue
		}
		if s.Is(i, "{") {
			close := s.Match(i)
			if close < 0 || close >= sp.to || !classicBlock(s, span{i + 1, close}) {
				return false
			}
			i = close + 1
			continue
		}
		if s.Is(i, "if") {
			next, ok := classicIf(s, i, sp.to)
			if !ok {
				return false
			}
			i = next
			continue
		}
		end := statementEnd(s, i, sp.to)
		if !classicStatement(s, span{i, end}) {
			return false
		}
		i = end
	}
	return true
}

// classicIf checks `if (cond) stmt [else stmt]` starting at token i and
// returns the index after it.
func classicIf(s *script, i, limit int) (int, bool) {
	if !s.Is(i+1, "(") {
		return 0, false
	}
	close := s.Match(i + 1)
	if close < 0 || close >= limit || !statusCheck(s, span{i + 2, close}) {
		return 0, false
	}
	next, ok := classicBranch(s, close+1, limit)
	if !ok {
		return 0, false
	}
	if s.Is(next, "else") {
		if s.Is(next+1, "if") {
			return classicIf(s, next+1, limit)
		}
		return classicBranch(s, next+1, limit)
	}
	return next, true
}

func classicBranch(s *script, i, limit int) (int, bool) {
	if s.Is(i, "{") {
		close := s.Match(i)
		if close < 0 || close >= limit {
			return 0, false
		}
		return close + 1, classicBlock(s, span{i + 1, close})
	}
	if s.Is(i, "if") {
		return classicIf(s, i, limit)
	}
	end := statementEnd(s, i, limit)
	return end, end > i && classicStatement(s, span{i, end})
}

// statusCheck accepts conditions that only test the Classic response:
// res.status === 'SUCCESS', res.type == "SESSION_SSO", combined with && || !.
func statusCheck(s *script, sp span) bool {
	for i := sp.from; i < sp.to; i++ {
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
		if t.Kind == jsscan.Ident && isProperty(s, i) && !isName(s, i, "status") && !isName(s, i, "type") && !isName(s, i, "session") {
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
		if j > i && s.Tokens[j].NewlineBefore && !continuesExpression(s, j) {
			return j
		}
	}
	return limit
}

// continuesExpression reports whether token j, at the start of a line,
// continues the expression of the line before (a leading operator or dot).
func continuesExpression(s *script, j int) bool {
	t := s.Tokens[j]
	if t.Kind != jsscan.Punct {
		return false
	}
	switch s.Text(t) {
	case "(", "[", "{", "!", "~", "++", "--":
		return false
	}
	return true
}

// classicStatement accepts one statement of a Classic redirect callback.
func classicStatement(s *script, sp span) bool {
	if sp.to > sp.from && s.Is(sp.to-1, ";") {
		sp.to--
	}
	if sp.empty() {
		return true
	}
	if s.Is(sp.from, "return") {
		return sp.to == sp.from+1
	}
	// A call: <callee>(args), the whole statement.
	if s.Is(sp.to-1, ")") {
		open := s.Match(sp.to - 1)
		if open > sp.from {
			callee := span{sp.from, open}
			last := callee.to - 1
			switch {
			case isName(s, last, "setCookieAndRedirect"):
				return true
			case isCompleteLogin(s, callee):
				return true
			case (isName(s, last, "assign") || isName(s, last, "replace")) && isDot(s, last-1) && isLocation(s, span{callee.from, last - 1}):
				return urlExpression(s, span{open + 1, sp.to - 1})
			}
		}
	}
	// var url = <URL>, read by a later redirect.
	if (s.Is(sp.from, "var") || s.Is(sp.from, "let") || s.Is(sp.from, "const")) && s.Is(sp.from+2, "=") {
		return sp.from+1 < sp.to && s.Tokens[sp.from+1].Kind == jsscan.Ident && urlExpression(s, span{sp.from + 3, sp.to})
	}
	// An assignment to the location.
	for i := sp.from; i < sp.to; i++ {
		if s.Is(i, "=") {
			return isLocation(s, span{sp.from, i}) && urlExpression(s, span{i + 1, sp.to})
		}
	}
	return false
}

// isLocation accepts location, window.location, document.location and
// their .href.
func isLocation(s *script, sp span) bool {
	i, to := sp.from, sp.to
	if to-i >= 2 && isName(s, to-1, "href") && isDot(s, to-2) {
		to -= 2
	}
	if to-i == 3 && (isName(s, i, "window") || isName(s, i, "document")) && isDot(s, i+1) {
		i += 2
	}
	return to-i == 1 && isName(s, i, "location")
}

// urlExpression accepts a URL built from strings, names, property reads,
// fallbacks (a || 'default') and URI encoding: no other calls, no
// assignments.
func urlExpression(s *script, sp span) bool {
	if sp.empty() {
		return false
	}
	for i := sp.from; i < sp.to; i++ {
		t := s.Tokens[i]
		switch t.Kind {
		case jsscan.String, jsscan.Template, jsscan.TemplateHead, jsscan.TemplateMiddle, jsscan.TemplateTail, jsscan.Ident, jsscan.Number:
			if t.Kind == jsscan.Ident && s.Is(i+1, "(") && !isName(s, i, "encodeURIComponent") && !isName(s, i, "encodeURI") {
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
