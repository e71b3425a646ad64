package rules

import "github.com/tmpllint/tmpllint/lint"

// SuppressionComment is TPL900. Its findings come from the engine, which
// reads the suppression comments of every file (see lint.Options); the rule
// value gives them an ID, a default severity and documentation, and running
// it (not ignoring it) is what turns the reports on.
var SuppressionComment = &lint.Rule{
	ID:       lint.DirectiveRuleID,
	Name:     "suppression-comment",
	Severity: lint.Warning,
	// Suppression comments are read on every page, error pages included.
	ErrorPages: true,
	Check:      func(*lint.Pass) {}, // the engine reports, after every other rule has run
	Doc: lint.Doc{
		Summary: "A tmpllint suppression comment must give a reason, name known rules and suppress something.",
		Why: `A suppression comment switches a rule off where a finding is wrong or accepted:

  {{! tmpllint-disable-next-line OIE003 -- analytics run before completeLogin; see TICKET-12 }}

A comment without a reason leaves the next reader guessing whether the finding was understood, so
tmpllint requires one after " -- ", as staticcheck does, and a comment without it suppresses nothing.
A comment that suppresses nothing (the code was fixed or moved, or the rule is misspelled) hides the
next real finding on that line; remove it.

Prefer Mustache comments ({{! ... }}): the server drops them when it renders the page, while HTML and
JavaScript comments are sent to every browser.

TPL900 is in the TPL range, for rules about templates rather than about an Identity Engine migration
(OIE); its 900 block is kept for rules about tmpllint's own comments. Its findings cannot be
suppressed by a comment; use --ignore TPL900 to stop them, or --no-inline-config to ignore every
suppression comment.`,
		Detect: `Comments whose text starts with tmpllint-disable or tmpllint-enable, in HTML comments, JavaScript
comments inside scripts and Mustache comments (wherever they stand: the server removes them before
anything else reads the page); the same words in JavaScript strings, attribute values or HTML text
are not comments and are left alone. The forms are tmpllint-disable-next-line (the line after
the comment's last line), tmpllint-disable-line (every line the comment touches), and
tmpllint-disable ... tmpllint-enable (a range; without an enable it runs to the end of the file),
each followed by rule IDs or names separated by commas or spaces, or all. A finding is suppressed when
it starts on a covered line, or inside a range.

Reported, at the comment: a disable comment without a reason after " -- " (it suppresses nothing),
one that names no rule, an unknown directive or rule, TPL900 itself, a range disabled twice or enabled
without being disabled, and a rule listed in a disable comment that suppressed nothing. A rule that is
not run (--ignore) could have matched and is not reported as unused. A fix never rewrites a
suppression comment or suppressed code: such a fix is dropped, and its finding stays.`,
		Bad: []lint.Example{
			{Code: `<script>
  // tmpllint-disable-next-line OIE002
  var token = res.session.token;
</script>`},
			{Code: `<script>
  {{! tmpllint-disable-next-line OIE001 -- the old redirect was removed }}
  window.location.assign('/app');
</script>`},
			{Code: `<!-- tmpllint-disable-next-line OIE004 -- no such rule -->
<p>Welcome</p>`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  {{! tmpllint-disable-next-line OIE002 -- read only to log its presence; see TICKET-12 }}
  var hasToken = Boolean(res.session.token);
</script>`},
			{Code: `<script>
  /* tmpllint-disable no-session-token -- the Classic fallback page; removed after the upgrade */
  var token = res.session.token;
  var url = '/login/sessionCookieRedirect?token=' + token;
  /* tmpllint-enable no-session-token */
</script>`},
		},
	},
}
