package rules

import (
	"github.com/tmpllint/tmpllint/jsmodel"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// script is shorthand for the lexed inline script rules walk over.
type script = jsscan.Script

// span is a token range [From, To) of one script.
type span = jsmodel.Span

// propertyAt reports whether a member access of property name starts at
// token i: `.name`, `?.name` or `['name']`. It returns the index after the
// access and the token where the name itself is.
func propertyAt(s *script, i int, name string) (next, at int, ok bool) {
	if jsmodel.IsDot(s, i) && jsmodel.IsName(s, i+1, name) {
		return i + 2, i + 1, true
	}
	if s.Is(i, "[") && jsmodel.IsStringKey(s, i+1, name) {
		return i + 3, i + 1, true
	}
	if s.Is(i, "?.") && s.Is(i+1, "[") && jsmodel.IsStringKey(s, i+2, name) {
		return i + 4, i + 2, true
	}
	return 0, 0, false
}

// hostedPage reports whether the file is an Okta-hosted sign-in page (see
// jsmodel.Model.Hosted).
func hostedPage(f *lint.File) bool { return jsmodel.ContextOf(f).Hosted() }

// isCompleteLogin reports whether sp is exactly OktaUtil.completeLogin, on
// any receiver or alias the model traces to OktaUtil (see
// jsmodel.Model.IsCompleteLogin).
func isCompleteLogin(f *lint.File, s *script, sp span) bool {
	return jsmodel.Of(f).IsCompleteLogin(s, sp)
}
