package rules

import (
	"strings"
	"testing"
)

// The shipped key list must name its source and hold Classic keys only.
func TestClassicI18nKeysData(t *testing.T) {
	for _, want := range []string{"okta-signin-widget-7.48.2", "packages/@okta/i18n/src/properties/login.properties"} {
		if !strings.Contains(classicI18nKeysData, want) {
			t.Errorf("classic_i18n_keys.txt header does not name %s", want)
		}
	}
	if len(classicI18nKeys()) < 100 {
		t.Errorf("classic_i18n_keys.txt holds %d keys; the derivation gives 183", len(classicI18nKeys()))
	}
	for key, renamed := range classicI18nKeys() {
		if strings.HasPrefix(key, "oie.") || strings.ContainsAny(key, " \t=") {
			t.Errorf("%q is not a Classic key", key)
		}
		if renamed != "" && renamed != "oie."+key {
			t.Errorf("%q: Identity Engine key %q is not oie.%s", key, renamed, key)
		}
	}
	for key, inList := range map[string]bool{
		"primaryauth.submit": true, "remember": true,
		// Identity Engine reads these (mapped in src/v2/ion/i18nUtils.js, or
		// used by shared code).
		"primaryauth.title": false, "primaryauth.username.placeholder": false, "help": false, "forgotpassword": false,
	} {
		if _, ok := classicI18nKeys()[key]; ok != inList {
			t.Errorf("%q in the list: %v, want %v", key, ok, inList)
		}
	}
}

func TestParseClassicI18nKeys(t *testing.T) {
	got := parseClassicI18nKeys("# header\r\n\r\nremember\toie.remember\r\nmfa.sendCode\n")
	if len(got) != 2 || got["remember"] != "oie.remember" || got["mfa.sendCode"] != "" {
		t.Errorf("parseClassicI18nKeys = %v", got)
	}
}
