package rules

import "github.com/tmpllint/tmpllint/lint"

// all is every rule, in ID order.
var all = []*lint.Rule{
	ScriptNonce,
	InlineEventHandler,
	WidgetGenerationVersion,
	CSPSetting,
	DynamicPageContent,
	NoSetCookieAndRedirect,
	NoSessionToken,
	CompleteLoginCallback,
	InteractionCodeFlow,
	PreferShowSignIn,
	ClassicOnlyOption,
	RequestContextTarget,
	HostedConfigOverride,
	Gen3WidgetVersion,
	ClassicDOMSelector,
	ClassicTranslationKey,
	Gen3DOMCustomization,
	WidgetResources,
	TemplateVariables,
	SuppressionComment,
}

// All returns every rule in ID order. The slice is a copy.
func All() []*lint.Rule { return append([]*lint.Rule(nil), all...) }

// Lookup finds a rule by ID or name, ignoring case.
func Lookup(idOrName string) *lint.Rule {
	return lint.FindRule(all, idOrName)
}
